import type { Response } from 'supertest';
import type { E2eApp } from '../support/e2e-app.js';
import { E2E_PASSWORD } from '../support/e2e-app.js';

/** One logged-in user talking to the API. */
export interface Caller {
  userId: string;
  /** The Authorization header value, for requests the helpers below do not cover. */
  authorization: string;
  get(path: string): ReturnType<ReturnType<E2eApp['http']>['get']>;
  post(path: string, body?: object): ReturnType<ReturnType<E2eApp['http']>['post']>;
  put(path: string, body?: object): ReturnType<ReturnType<E2eApp['http']>['put']>;
  upload(path: string, fileName: string, bytes: Buffer): ReturnType<ReturnType<E2eApp['http']>['post']>;
}

export function caller(app: E2eApp, token: string, userId: string): Caller {
  const auth = `Bearer ${token}`;
  return {
    userId,
    authorization: auth,
    get: (path) => app.http().get(path).set('Authorization', auth),
    post: (path, body = {}) => app.http().post(path).set('Authorization', auth).send(body),
    put: (path, body = {}) => app.http().put(path).set('Authorization', auth).send(body),
    upload: (path, fileName, bytes) => app.http().post(path).set('Authorization', auth).attach('file', bytes, fileName),
  };
}

/** The body of a response with the expected status; otherwise a failure that shows what came back. */
export function body<T = any>(res: Response, status = 200): T {
  if (res.status !== status) {
    const req = (res as unknown as { req?: { method: string; path: string } }).req;
    throw new Error(`expected ${status} from ${req?.method} ${req?.path}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body as T;
}

export type UserKey = 'coordinator' | 'leadA' | 'staffA' | 'leadB' | 'staffB' | 'assessor' | 'otherCoordinator';

export interface HttpWorld {
  admin: Caller;
  users: Partial<Record<UserKey, Caller>>;
  departments: { city: string; office: string; deptA: string; deptB: string; otherCity: string };
}

/**
 * Builds a small jurisdiction through the API, as an operator would: the admin registers the city,
 * its supervision office, a second city and their coordinators; the city's coordinator registers
 * two bureaus (A and B) and their people. Each user is created and logged in once (argon2 is slow).
 */
export async function buildHttpWorld(app: E2eApp, wanted: readonly UserKey[]): Promise<HttpWorld> {
  const seeded = await app.seedAdmin();
  const adminToken = await app.login(seeded.username, seeded.password);
  const me = body(await app.http().get('/api/auth/me').set('Authorization', `Bearer ${adminToken}`));
  const admin = caller(app, adminToken, me.userId);

  const dept = async (by: Caller, code: string, name: string, kind: string, parentId?: string): Promise<string> =>
    body(await by.post('/api/departments', { code, name, kind, ...(parentId ? { parentId } : {}) }), 201).id;
  const city = await dept(admin, 'cx', '楚雄州人民政府', 'government');
  const office = await dept(admin, 'cx.dcs', '州政府督查室', 'office', city);
  const otherCity = await dept(admin, 'fs', '抚顺市人民政府', 'government');

  const users: HttpWorld['users'] = {};
  const register = async (by: Caller, key: UserKey, role: string, departmentId: string, jurisdictionId?: string) => {
    if (!wanted.includes(key) && key !== 'coordinator') return;
    const created = body(
      await by.post('/api/users', { username: key, displayName: key, password: E2E_PASSWORD, role, departmentId, ...(jurisdictionId ? { jurisdictionId } : {}) }),
      201,
    );
    users[key] = caller(app, await app.login(key), created.id);
  };
  await register(admin, 'coordinator', 'coordinator', office, city);
  await register(admin, 'otherCoordinator', 'coordinator', otherCity, otherCity);
  const coordinator = users.coordinator!;
  const deptA = await dept(coordinator, 'cx.edu', '州教育体育局', 'bureau', city);
  const deptB = await dept(coordinator, 'cx.fin', '州财政局', 'bureau', city);
  await register(coordinator, 'leadA', 'department_lead', deptA);
  await register(coordinator, 'staffA', 'department_staff', deptA);
  await register(coordinator, 'leadB', 'department_lead', deptB);
  await register(coordinator, 'staffB', 'department_staff', deptB);
  await register(coordinator, 'assessor', 'assessor', office, city);
  return { admin, users, departments: { city, office, deptA, deptB, otherCity } };
}
