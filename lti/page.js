'use strict';
(function () {
  function messageId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  // One LTI postMessage and its answer: sent only to the platform's origin, and an answer
  // counts only from that origin, with the same message_id and the `.response` subject. Origin
  // '*' (lti.capabilities only: it carries nothing, and the LMS's page may be on another origin
  // than its auth URL): the answer counts from the window asked.
  function ask(target, origin, message, timeout) {
    message.message_id = messageId();
    return new Promise(function (resolve, reject) {
      var timer = window.setTimeout(function () { done(); reject(new Error('timeout')); }, timeout);
      function done() { window.clearTimeout(timer); window.removeEventListener('message', listen); }
      function listen(event) {
        var data = event.data;
        if (origin === '*' ? event.source !== target : event.origin !== origin) return;
        if (!data || typeof data !== 'object') return;
        if (data.message_id !== message.message_id || data.subject !== message.subject + '.response') return;
        done();
        if (data.error) { reject(new Error(String(data.error.code || 'error'))); } else { resolve(data); }
      }
      window.addEventListener('message', listen);
      target.postMessage(message, origin);
    });
  }
  // The platform's storage frame: the one lti.capabilities names for lti.put_data, else the
  // login's lti_storage_target ('_parent': the platform's window itself).
  function storageFrame(name, origin) {
    var platform = window.parent !== window ? window.parent : window.opener;
    if (!platform) { return Promise.reject(new Error('no platform window')); }
    return ask(platform, '*', {subject: 'lti.capabilities'}, 2000).then(function (answer) {
      var offered = (answer.supported_messages || []).filter(function (entry) {
        return entry && entry.subject === 'lti.put_data';
      })[0];
      if (!offered) { throw new Error('no platform storage'); }
      return offered.frame || name;
    }, function () { return name; }).then(function (frameName) {
      var frame = frameName === '_parent' ? platform : platform.frames[frameName];
      if (!frame) { throw new Error('no storage frame'); }
      return frame;
    });
  }
  var form = document.getElementById('lti-autopost');
  if (form) { form.submit(); return; }
  // LTI Dynamic Registration: tell the platform that opened this page that it may close it.
  if (document.getElementById('lti-registered')) {
    (window.opener || window.parent).postMessage({subject: 'org.imsglobal.lti.close'}, '*');
    return;
  }
  // LTI platform storage (lti/platform_storage.py): the login stores its secret in the
  // platform's frame before going on; the launch reads it back and posts it to the tool.
  var login = document.getElementById('lti-storage-login');
  if (login) {
    var start = login.dataset;
    storageFrame(start.target, start.origin).then(function (frame) {
      return ask(frame, start.origin, {subject: 'lti.put_data', key: start.key, value: start.value}, 5000);
    }).then(function () {
      window.location.replace(start.next);
    }, function () {
      document.getElementById('lti-storage-failed').hidden = false;
    });
    return;
  }
  var check = document.getElementById('lti-storage-launch');
  if (check) {
    var launch = check.dataset;
    var proof = check.querySelector('input[name="' + launch.field + '"]');
    storageFrame(launch.target, launch.origin).then(function (frame) {
      return ask(frame, launch.origin, {subject: 'lti.get_data', key: launch.key}, 5000);
    }).then(function (answer) {
      var sameKey = answer.key === undefined || answer.key === launch.key;
      proof.value = sameKey && typeof answer.value === 'string' ? answer.value : '';
    }, function () {
      proof.value = '';  // the tool refuses it, and says so
    }).then(function () { check.submit(); });
    return;
  }
  var open = document.getElementById('lti-open');
  // Top-level (the LMS opened a window): go on at once. In a frame, the learner opens a window
  // of their own: a cross-site frame may keep no session cookie.
  if (open && window.top === window.self) { window.location.replace(open.href); }
})();
