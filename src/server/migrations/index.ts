/** Every migration, in order. Names sort; never rename or edit one that has shipped. */
import type { PortableMigration } from '../platform/db/migrate.ts';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-plans.ts';
import * as m0003 from './0003-scenarios.ts';
import * as m0004 from './0004-exercises.ts';
import * as m0005 from './0005-exercise-events.ts';
import * as m0006 from './0006-threats.ts';

export const migrations: Record<string, PortableMigration> = {
  '0001-foundation': m0001,
  '0002-plans': m0002,
  '0003-scenarios': m0003,
  '0004-exercises': m0004,
  '0005-exercise-events': m0005,
  '0006-threats': m0006,
};
