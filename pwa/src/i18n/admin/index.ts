// The administrator's words join the catalogues when the administration screens load
// (src/console/Admin.tsx imports this module).

import { addMessages } from '..';
import { en } from './en';
import { fr } from './fr';

addMessages({ fr, en });
