// The use cases the worksheet reports on: the DRO Common Use Cases lists, the PLR use cases and the HCIM operations.
import type { Priority, UseCaseList } from '../types.js';

export interface CatalogueUseCase {
  list: UseCaseList;
  name: string;
  priority: Priority;
  /** Why the priority is what it is, when the seed does not give one. */
  note?: string;
}

const NO_PRIORITY = 'the seed gives no priority; Required for a partner who connects to this registry feature (choose with --lists)';
const uc = (list: UseCaseList, priority: Priority, names: string[], note?: string): CatalogueUseCase[] => names.map((name) => ({ list, name, priority, note }));

/**
 * Every use case, by its name in the seeds. Scenario files name these exactly; a test checks that the
 * library covers each one: the DRO "eReferral Common Use Cases", the PLR connected-system "Use Cases", the HCIM operations.
 */
export const USE_CASES: readonly CatalogueUseCase[] = [
  ...uc('sender', 'Required', ['Contextual Launch into Ocean', 'Initiate New Service Request', 'Update Existing Service Request', 'Receive and Process Status Updates Existing Service Requests', 'Confirm completion of the Service Request']),
  ...uc('sender', 'Strongly recommended', ['Send Supporting Information and attachments', 'Receive and Process Appointment Details (New)', 'Receive and Process Appointment Details (Updates)', 'Cancel the Service Request', 'Receive Data Corrections Notifications']),
  ...uc('sender', 'Desirable', ['Exchange Communications']),
  ...uc('receiver', 'Required', ['Contextual Launch into Ocean', 'Receive New Service Request', 'Send Service Request Status', 'Receive Service Request Cancellation']),
  ...uc('receiver', 'Strongly recommended', ['Receive and attach supporting documentation to a referral', 'Send Appointment Details (New)', 'Send Appointment Details (Updates)', 'Send Data Correction Notification']),
  ...uc('receiver', 'Desirable', ['Exchange Communications']),
  ...uc('general', 'Strongly recommended', ['Auto-Match Patient to Received eRequest in "Receiving POS"']),
  ...uc('general', 'Desirable', ['Support Multiple Ocean Sites (per POS Account)']),
  ...uc('distribution', 'Required', ['Distributions'], NO_PRIORITY),
  ...uc('maintain', 'Required', ['Maintain'], NO_PRIORITY),
  ...uc('batch', 'Required', ['Batch'], NO_PRIORITY),
  ...uc('query', 'Required', ['Queries'], NO_PRIORITY),
  ...uc('hcim', 'Required', ['GetDemographics', 'FindCandidates', 'AddPatient', 'RevisePatient', 'UpdatePatient', 'MergePatient', 'Patient change notifications', '.Async operations'], NO_PRIORITY),
];

export const useCaseKey = (u: { list: UseCaseList; name: string }) => `${u.list}|${u.name}`;
