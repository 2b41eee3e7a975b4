// The console's words join the catalogues when the console loads (src/console/index.ts imports this
// module; so do the tests of console modules).

import { addMessages } from '..';
import { en } from './en';
import { fr } from './fr';

addMessages({ fr, en });
