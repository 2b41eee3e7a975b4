// The children's screens, for the app to mount on a child's record.
export { DevelopmentCheck } from './DevelopmentCheck';
export { CentileSvg, GrowthChart } from './GrowthChart';
export { SchoolChecklist } from './SchoolChecklist';
