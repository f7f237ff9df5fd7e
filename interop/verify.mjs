#!/usr/bin/env node
/*
 * Independent Open Badges 3.0 / VC 2.0 verifier built only from Digital
 * Bazaar's libraries (no code of ours in the cryptographic path).
 *
 * node interop/verify.mjs --credential cred.json
 *     (--did-document did.json | --controller-document doc.json)...
 *     [--status-list status.json [--status-list-url URL]]...
 *     [--context URL=FILE]... [--embedded]
 *     [--now ISO8601] [--max-clock-skew SECONDS]
 *
 * Prints one JSON object on stdout:
 *   {"verified", "proofVerified", "statusChecked", "revoked", "expired", "errors"}
 * and with --embedded (a CLR 2.0 ClrCredential) also "embedded": one such
 * object, with the credential's "id", per credential in
 * credentialSubject.verifiableCredential, each verified on its own.
 * Exit code: 0 verified (and not revoked), 1 not verified, 2 usage error.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import {parseArgs} from 'node:util';
import {verifyCredential, CredentialIssuancePurpose} from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import jsigs from 'jsonld-signatures';
import {PINNED_CONTEXT_SHA256, makeDocumentLoader} from
  './lib/documentLoader.mjs';

const USAGE = `usage: node interop/verify.mjs --credential FILE
  (--did-document FILE | --controller-document FILE) [more of either]
  [--status-list FILE [--status-list-url URL]]... [--now ISO8601]
  [--context URL=FILE (only pinned contexts: CLR 2.0.1)]... [--embedded]
  [--max-clock-skew SECONDS (default 300, as @digitalbazaar/vc)]`;

class UsageError extends Error {}

function emit(result, code) {
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exitCode = code;
}

function readJson(path, what) {
  let text;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch(e) {
    throw new UsageError(`cannot read ${what} "${path}": ${e.message}`);
  }
  try {
    return JSON.parse(text);
  } catch(e) {
    throw new UsageError(`${what} "${path}" is not JSON: ${e.message}`);
  }
}

function parseCli(argv) {
  let values;
  try {
    ({values} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        credential: {type: 'string'},
        'did-document': {type: 'string', multiple: true},
        'controller-document': {type: 'string', multiple: true},
        'status-list': {type: 'string', multiple: true},
        'status-list-url': {type: 'string'},
        context: {type: 'string', multiple: true},
        embedded: {type: 'boolean'},
        now: {type: 'string'},
        'max-clock-skew': {type: 'string'},
        help: {type: 'boolean', short: 'h'},
      }
    }));
  } catch(e) {
    throw new UsageError(e.message);
  }
  if(values.help) {
    throw new UsageError('help');
  }
  if(!values.credential) {
    throw new UsageError('--credential is required');
  }
  const docFiles = [
    ...(values['did-document'] || []),
    ...(values['controller-document'] || [])
  ];
  if(docFiles.length === 0) {
    throw new UsageError(
      'at least one --did-document or --controller-document is required');
  }
  if(values['status-list-url'] && !values['status-list']) {
    throw new UsageError('--status-list-url needs --status-list');
  }
  let now = new Date();
  if(values.now !== undefined) {
    // an explicit offset or Z is required so the instant is unambiguous
    if(!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i
      .test(values.now) || isNaN(Date.parse(values.now))) {
      throw new UsageError(
        `--now must be an ISO 8601 date-time with Z or offset: "${values.now}"`);
    }
    now = new Date(values.now);
  }
  let maxClockSkew = 300;
  if(values['max-clock-skew'] !== undefined) {
    maxClockSkew = Number(values['max-clock-skew']);
    if(!Number.isFinite(maxClockSkew) || maxClockSkew < 0) {
      throw new UsageError('--max-clock-skew must be a number >= 0');
    }
  }

  const credential = readJson(values.credential, 'credential');
  if(!(credential && typeof credential === 'object' &&
    !Array.isArray(credential))) {
    throw new UsageError('credential must be a JSON object');
  }
  const controllerDocuments = docFiles.map(
    f => readJson(f, 'DID/controller document'));
  for(const [i, d] of controllerDocuments.entries()) {
    if(!(d && typeof d.id === 'string')) {
      throw new UsageError(`document "${docFiles[i]}" has no string "id"`);
    }
  }
  const statusListFiles = values['status-list'] || [];
  if(values['status-list-url'] && statusListFiles.length !== 1) {
    throw new UsageError('--status-list-url goes with exactly one --status-list');
  }
  const statusLists = new Map();
  for(const file of statusListFiles) {
    const statusList = readJson(file, 'status list credential');
    const statusListUrl = values['status-list-url'] || statusList?.id;
    if(typeof statusListUrl !== 'string') {
      throw new UsageError(
        '--status-list-url is required (status list credential has no "id")');
    }
    statusLists.set(statusListUrl, statusList);
  }
  const extraContexts = new Map();
  for(const pair of values.context || []) {
    const split = pair.indexOf('=');
    const url = split > 0 ? pair.slice(0, split) : '';
    const file = pair.slice(split + 1);
    const expected = PINNED_CONTEXT_SHA256.get(url);
    if(!expected) {
      throw new UsageError(`--context: no pinned digest for "${url}"`);
    }
    let bytes;
    try {
      bytes = fs.readFileSync(file);
    } catch(e) {
      throw new UsageError(`cannot read context "${file}": ${e.message}`);
    }
    const actual = crypto.createHash('sha256').update(bytes).digest('hex');
    if(actual !== expected) {
      throw new UsageError(
        `--context: "${file}" is not the published ${url} (sha256 ${actual})`);
    }
    extraContexts.set(url, JSON.parse(bytes.toString('utf8')));
  }
  return {credential, controllerDocuments, statusLists, extraContexts, now,
    maxClockSkew, embedded: values.embedded === true};
}

// collect human-readable messages from (nested) errors, deduplicated
function collectErrors(err, out, depth = 0) {
  if(!err || depth > 6) {
    return out;
  }
  if(Array.isArray(err)) {
    err.forEach(e => collectErrors(e, out, depth + 1));
    return out;
  }
  const msg = err.message || String(err);
  if(msg && !out.includes(msg)) {
    out.push(msg);
  }
  if(Array.isArray(err.errors)) {
    collectErrors(err.errors, out, depth + 1);
  }
  if(err.cause) {
    collectErrors(err.cause, out, depth + 1);
  }
  // jsonld.js errors carry the underlying error in `details.cause`
  if(err.details && err.details.cause) {
    collectErrors(err.details.cause, out, depth + 1);
  }
  return out;
}

function isPast({now, date, maxClockSkew}) {
  // same rule as @digitalbazaar/vc's compareTime(): equal within the skew
  const t = new Date(date);
  if(isNaN(t)) {
    return false;
  }
  const diff = now - t;
  return !(Math.abs(diff) < maxClockSkew * 1000) && diff > 0;
}

async function verify({
  credential, controllerDocuments, statusLists = new Map(), extraContexts,
  now, maxClockSkew = 300
}) {
  const documents = new Map(statusLists);
  const documentLoader = makeDocumentLoader({
    controllerDocuments, documents, extraContexts
  });
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});

  const errors = [];
  const statusOutcome = {checked: false, revoked: null, suspended: false};
  const hasStatus = credential.credentialStatus !== undefined;

  // status is checked by @digitalbazaar/vc-bitstring-status-list, which also
  // verifies the status list credential's own proof (and issuer match)
  const checkStatusWrapper = async options => {
    if(statusLists.size === 0) {
      // nothing to check against: not verified as revoked/not revoked
      return {verified: true, skipped: true};
    }
    const result = await checkStatus({
      credential: options.credential,
      documentLoader,
      suite,
      verifyBitstringStatusListCredential: true,
      verifyMatchingIssuers: true
    });
    if(result.verified) {
      statusOutcome.checked = true;
      statusOutcome.revoked = false;
      for(const r of result.results || []) {
        const purpose = r.credentialStatus?.statusPurpose;
        if(r.status === true && purpose === 'revocation') {
          statusOutcome.revoked = true;
        } else if(r.status === true && purpose === 'suspension') {
          statusOutcome.suspended = true;
        } else if(r.status === true) {
          errors.push(`status "${purpose}" is set`);
        }
      }
    }
    return result;
  };

  const result = await verifyCredential({
    credential,
    suite,
    documentLoader,
    now,
    maxClockSkew,
    checkStatus: checkStatusWrapper
  });

  // proof result: from vc's run if it got as far as the proofs, otherwise
  // (a validity-period or data-model check threw first) verify the proofs
  // alone with the same suite, purpose and loader
  let proofResults = (result.results || []).filter(r => 'proof' in r);
  let proofVerified;
  if(proofResults.length > 0) {
    proofVerified = proofResults.every(r => r.verified === true);
  } else {
    const proofOnly = await jsigs.verify(credential, {
      suite,
      purpose: new CredentialIssuancePurpose(),
      documentLoader
    });
    proofResults = proofOnly.results || [];
    proofVerified = proofOnly.verified === true && proofResults.length > 0;
    if(!proofVerified) {
      collectErrors(proofOnly.error, errors);
    }
  }

  collectErrors(result.error, errors);
  for(const r of result.results || []) {
    collectErrors(r.error, errors);
  }
  if(result.statusResult && !result.statusResult.verified) {
    collectErrors(result.statusResult.error, errors);
    for(const r of result.statusResult.results || []) {
      collectErrors(r.error, errors);
    }
  }

  const validUntil = credential.validUntil ?? credential.expirationDate;
  const expired = validUntil !== undefined &&
    isPast({now, date: validUntil, maxClockSkew});

  if(statusOutcome.revoked) {
    errors.push('credential is revoked (status list bit set)');
  }
  if(statusOutcome.suspended) {
    errors.push('credential is suspended (status list bit set)');
  }
  if(hasStatus && statusLists.size === 0) {
    // informative only; caller decides via statusChecked
  }

  const verified = result.verified === true && proofVerified &&
    !expired && statusOutcome.revoked !== true && !statusOutcome.suspended &&
    !errors.some(e => e.startsWith('status "'));
  if(!verified && errors.length === 0) {
    errors.push('verification failed (no error message given)');
  }
  return {
    verified,
    proofVerified,
    statusChecked: statusOutcome.checked,
    revoked: statusOutcome.revoked,
    expired,
    errors: verified ? [] : errors
  };
}

/**
 * A CLR 2.0 ClrCredential embeds signed credentials in
 * credentialSubject.verifiableCredential: each is verified on its own (its
 * proof, validity and status), and the whole is verified only if all are.
 */
async function verifyEmbedded(args, out) {
  const inner = args.credential?.credentialSubject?.verifiableCredential;
  out.embedded = [];
  if(!Array.isArray(inner) || inner.length === 0) {
    out.verified = false;
    out.errors.push('no embedded credentials (credentialSubject.verifiableCredential)');
    return;
  }
  for(const credential of inner) {
    let result;
    try {
      result = await verify({...args, credential});
    } catch(e) {
      result = {
        verified: false, proofVerified: false, statusChecked: false,
        revoked: null, expired: false, errors: collectErrors(e, [])
      };
    }
    out.embedded.push({id: credential?.id ?? null, ...result});
    if(!result.verified) {
      out.verified = false;
      out.errors.push(`embedded credential ${credential?.id} is not verified`);
    }
  }
}

async function main() {
  let args;
  try {
    args = parseCli(process.argv.slice(2));
  } catch(e) {
    if(e instanceof UsageError) {
      process.stderr.write(USAGE + '\n');
      emit({
        verified: false, proofVerified: false, statusChecked: false,
        revoked: null, expired: false,
        errors: e.message === 'help' ? [] : [`usage: ${e.message}`]
      }, 2);
      return;
    }
    throw e;
  }
  try {
    const out = await verify(args);
    if(args.embedded) {
      await verifyEmbedded(args, out);
    }
    emit(out, out.verified ? 0 : 1);
  } catch(e) {
    emit({
      verified: false, proofVerified: false, statusChecked: false,
      revoked: null, expired: false,
      errors: collectErrors(e, [])
    }, 1);
  }
}

await main();
