// The care team's console: the screens app.tsx loads on first use (a chunk of its own), with the
// console's words.
import '../i18n/console';

export { AdminTeams, StaffList, StaffPerson } from './Admin';
export { DevReview } from './DevReview';
export { Enrol } from './Enrol';
export { Invitations } from './Invitations';
export { Inbox } from './Inbox';
export { Messages } from './Messages';
export { PatientPage, Summary } from './PatientPage';
export { SecondFactorSetup } from './SecondFactor';
export { Patients } from './Patients';
export { TeamSettings } from './TeamSettings';
