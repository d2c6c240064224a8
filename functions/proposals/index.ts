/** The proposals context's public face: what other contexts may use of it. */
export {
  getProposalById,
  getProposalVersion,
  isEligibleRow,
  listAllSubmissionRows,
  listEligibleRows,
  listProposalsOfOrganization,
  proposalPut,
} from './repository';
export { callRemindersDue, proposalTasksFor } from './tasks';
