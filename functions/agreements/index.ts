/** The agreements context's public face: what other contexts may use of it. */
export { agreementFor, agreementKeys, agreementNotFound, findAgreement } from './repository';
export { claimPiece, institutionSignaturePieces, openBalances, payPiece } from './money';
