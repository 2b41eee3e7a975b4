// Every word of the app in English: the same catalogues as fr.ts.

import { en as admin } from './admin/en';
import { en as children } from './children/en';
import { en as teamConsole } from './console/en';
import type { Messages } from './fr';
import { en as patient } from './patient/en';
import { en as thread } from './thread/en';

export const en: Messages = { ...patient, ...thread, ...children, ...teamConsole, ...admin };
