// The children's screens, for the app (and the team's console) to mount on a child's record.
export { DevelopmentCheck } from './DevelopmentCheck';
export { CentileSvg, GrowthChart } from './GrowthChart';
export { SchoolChecklist } from './SchoolChecklist';
export { WellbeingResults, WellbeingScreens } from './Wellbeing';
