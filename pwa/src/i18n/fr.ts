// Every word of the app in French (the default language), one catalogue per audience: the patient's
// app, the message thread, the children's screens, the care team's console and its administrator's
// space. Their union is the type of every key `t()` takes. The app loads the first three at start,
// the console's with the console (index.ts); this whole catalogue serves the types and the tests.

import { fr as admin } from './admin/fr';
import { fr as children } from './children/fr';
import { fr as teamConsole } from './console/fr';
import { fr as patient } from './patient/fr';
import { fr as thread } from './thread/fr';

export const fr = { ...patient, ...thread, ...children, ...teamConsole, ...admin };

export type Messages = typeof fr;
