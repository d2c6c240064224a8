/** The tables context's public face: what other contexts may use of it. */
export { getTableById } from './repository';
export { requireVoting, voterMemberships, voterRoll, votingMembersOf, type VoterRoll } from './voters';
