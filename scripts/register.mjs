import { register } from 'node:module';
register('@swc-node/register/esm', import.meta.url);
