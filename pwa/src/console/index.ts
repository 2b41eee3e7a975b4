export { Inbox } from './Inbox';
export { PatientPage, Summary } from './PatientPage';
export { Patients } from './Patients';
export { Thread } from './Thread';
export { TeamSettings } from './TeamSettings';
