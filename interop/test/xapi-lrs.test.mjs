/*
 * The platform's xAPI LRS (/api/xapi/) used by an LRS client nobody here wrote: @xapi/xapi.
 * Needs a running server: XAPI_ENDPOINT (…/api/xapi/), XAPI_KEY and XAPI_SECRET, as
 * tests/lrs/test_interop.py provides them; skipped without them (`npm test` alone).
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import XAPI from '@xapi/xapi';

const {XAPI_ENDPOINT, XAPI_KEY, XAPI_SECRET} = process.env;
const skip = XAPI_ENDPOINT ? false : 'XAPI_ENDPOINT is not set (run tests/lrs/test_interop.py)';

const actor = {objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.org'};
const activity = (id) => ({objectType: 'Activity', id: `https://academy.example/lessons/${id}`});

function client() {
  return new XAPI({
    endpoint: XAPI_ENDPOINT,
    auth: XAPI.toBasicAuth(XAPI_KEY, XAPI_SECRET),
    version: '1.0.3',
  });
}

test('statements: one, a batch, read back with filters and more paging', {skip}, async () => {
  const xapi = client();
  const registration = crypto.randomUUID();
  const single = {
    id: crypto.randomUUID(),
    actor,
    verb: XAPI.Verbs.PASSED,
    object: activity('quiz'),
    result: {score: {scaled: 0.9}, success: true},
    context: {registration},
  };

  const sent = await xapi.sendStatement({statement: single});
  assert.deepEqual(sent.data, [single.id]);

  const batch = [1, 2, 3].map((n) => ({
    actor,
    verb: XAPI.Verbs.COMPLETED,
    object: activity(n),
    context: {registration},
  }));
  const batchIds = (await xapi.sendStatements({statements: batch})).data;
  assert.equal(batchIds.length, 3);

  const got = (await xapi.getStatement({statementId: single.id})).data;
  assert.equal(got.id, single.id);
  assert.deepEqual(got.actor, actor);
  assert.deepEqual(got.verb, XAPI.Verbs.PASSED);
  assert.deepEqual(got.object, activity('quiz'));
  assert.deepEqual(got.result, {score: {scaled: 0.9}, success: true});
  assert.equal(got.version, '1.0.0');
  assert.equal(got.authority.account.name, XAPI_KEY);

  const passed = (await xapi.getStatements({verb: XAPI.Verbs.PASSED.id, registration})).data;
  assert.deepEqual(passed.statements.map((s) => s.id), [single.id]);
  assert.equal(passed.more, '');

  const first = (await xapi.getStatements({registration, ascending: true, limit: 3})).data;
  assert.deepEqual(first.statements.map((s) => s.id), [single.id, ...batchIds.slice(0, 2)]);
  assert.match(first.more, /^\/api\/xapi\/statements\?more=/);
  const rest = (await xapi.getMoreStatements({more: first.more})).data;
  assert.deepEqual(rest.statements.map((s) => s.id), [batchIds[2]]);
  assert.equal(rest.more, '');
});

test('a state document with ETag concurrency', {skip}, async () => {
  const xapi = client();
  const where = {agent: actor, activityId: activity('video').id, stateId: 'bookmark'};

  await xapi.setState({...where, state: {position: 12}, etag: '*', matchHeader: 'If-None-Match'});
  const read = await xapi.getState(where);
  assert.deepEqual(read.data, {position: 12});
  const etag = read.headers.etag;
  assert.match(etag, /^"[0-9a-f]{40}"$/);

  await xapi.setState({...where, state: {position: 30}, etag, matchHeader: 'If-Match'});
  assert.deepEqual((await xapi.getState(where)).data, {position: 30});

  await assert.rejects(
    xapi.setState({...where, state: {position: 99}, etag, matchHeader: 'If-Match'}),
    (error) => error.response.status === 412,
  );
  assert.deepEqual((await xapi.getState(where)).data, {position: 30});
  assert.deepEqual((await xapi.getStates({agent: actor, activityId: where.activityId})).data,
      ['bookmark']);
});
