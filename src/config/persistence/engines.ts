/** What differs between PostgreSQL and MySQL: option path, names, port, image and its user, config key. */
import {
  DatabaseEngine, DEFAULT_MYSQL_IMAGE, DEFAULT_POSTGRES_IMAGE, MYSQL_PORT, MYSQL_UID, POSTGRES_PORT, POSTGRES_UID,
} from './database-options';

export const ENGINES = {
  [DatabaseEngine.POSTGRES]: {
    option: 'persistence.postgres', label: 'PostgreSQL', service: 'postgres', port: POSTGRES_PORT,
    image: DEFAULT_POSTGRES_IMAGE, uid: POSTGRES_UID, secretName: 'argo-postgres-config', configKey: 'postgresql',
  },
  [DatabaseEngine.MYSQL]: {
    option: 'persistence.mysql', label: 'MySQL', service: 'mysql', port: MYSQL_PORT,
    image: DEFAULT_MYSQL_IMAGE, uid: MYSQL_UID, secretName: 'argo-mysql-config', configKey: 'mysql',
  },
} as const;

/** The engine-specific facts of one engine. */
export type EngineFacts = (typeof ENGINES)[DatabaseEngine];
