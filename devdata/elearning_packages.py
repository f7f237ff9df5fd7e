"""Test e-learning packages built in memory: a SCORM 1.2, a SCORM 2004 4th edition and a cmi5
package, each one lesson of three pages and a two-question check, behaving like real ones.

Each SCO finds the run-time API with the standard's discovery algorithm (its parents, then its
opener's), initialises, resumes at the stored location (and suspend data), reports the check's
score (raw/min/max, and scaled for 2004) and a status per the mastery score, commits, and
terminates from its "Finish" button. The cmi5 AU reads its launch parameters, fetches its LRS
token, reads LMS.LaunchData and the learner's preferences, resumes from its own state document
and sends cmi5 defined statements (initialized, completed, passed/failed, terminated). The
texts are the packages' own content, in English.
"""

import io
import zipfile
from collections.abc import Callable

__all__ = [
    "build_cmi5_package",
    "build_elearning_package",
    "build_scorm12_package",
    "build_scorm2004_package",
]

STANDARDS = ("scorm12", "scorm2004", "cmi5")

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<main id="app" aria-live="polite">
  <section data-page="1"><h1>Page 1 of 3</h1><p>Fire safety starts with knowing the exits.</p>
    <button type="button" class="next">Next</button></section>
  <section data-page="2" hidden><h1>Page 2 of 3</h1><p>Keep exits clear at all times.</p>
    <button type="button" class="next">Next</button></section>
  <section data-page="3" hidden><h1>Page 3 of 3</h1><p>In a fire, leave the building first.</p>
    <button type="button" class="next">Next</button></section>
  <section data-page="4" hidden><h1>Check</h1>
    <form id="check">
      <fieldset><legend>What do you do first in a fire?</legend>
        <label><input type="radio" name="q1" value="a"> Leave the building</label>
        <label><input type="radio" name="q1" value="b"> Finish your work</label></fieldset>
      <fieldset><legend>Exits must be kept…</legend>
        <label><input type="radio" name="q2" value="a"> Clear</label>
        <label><input type="radio" name="q2" value="b"> Locked</label></fieldset>
      <button type="submit">Submit</button>
    </form>
    <p id="result" role="status"></p>
    <button type="button" id="finish">Finish</button></section>
  <p id="saved" role="status"></p>
</main>
<script src="{script}"></script>
</body>
</html>
"""

_STYLE = "body{font-family:sans-serif;margin:2rem}label{display:block}[hidden]{display:none}\n"

# The pages, the check and resuming, shared by both SCORM versions; `lms` adapts the API.
_SCO_COMMON = """
function showPage(page) {
  document.querySelectorAll("section[data-page]").forEach(function (section) {
    section.hidden = section.getAttribute("data-page") !== String(page);
  });
  lms.set(lms.location, String(page));
  lms.set(lms.suspend, JSON.stringify({page: page}));
  lms.commit();
}
var start = 1;
if (lms.api) {
  lms.init();
  var stored = lms.get(lms.location);
  var suspend = lms.get(lms.suspend);
  try { if (suspend) { start = JSON.parse(suspend).page || start; } } catch (error) {}
  if (stored && Number(stored) >= 1 && Number(stored) <= 4) { start = Number(stored); }
  lms.started();
}
document.querySelectorAll("button.next").forEach(function (button) {
  button.addEventListener("click", function () {
    showPage(Number(button.parentElement.getAttribute("data-page")) + 1);
  });
});
document.getElementById("check").addEventListener("submit", function (event) {
  event.preventDefault();
  var score = 0;
  if ((document.querySelector("input[name=q1]:checked") || {}).value === "a") { score += 50; }
  if ((document.querySelector("input[name=q2]:checked") || {}).value === "a") { score += 50; }
  lms.score(score);
  document.getElementById("result").textContent = "Your score: " + score + " %";
});
document.getElementById("finish").addEventListener("click", function () {
  lms.finish();
  document.getElementById("result").textContent = "Finished. You may close this lesson.";
});
showPage(start);
"""

_SCO_12 = """
function findAPI(win) {
  var tries = 0;
  while (win.API == null && win.parent != null && win.parent != win && tries < 7) {
    tries += 1; win = win.parent;
  }
  return win.API || null;
}
var api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
var mastery = null;
var lms = {
  api: api, location: "cmi.core.lesson_location", suspend: "cmi.suspend_data",
  init: function () { api.LMSInitialize(""); },
  get: function (name) { return api ? api.LMSGetValue(name) : ""; },
  set: function (name, value) { if (api) { api.LMSSetValue(name, value); } },
  commit: function () { if (api) { api.LMSCommit(""); } },
  started: function () {
    var value = api.LMSGetValue("cmi.student_data.mastery_score");
    mastery = value === "" ? null : Number(value);
    if (api.LMSGetValue("cmi.core.lesson_status") === "not attempted") {
      api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    }
  },
  score: function (score) {
    if (!api) { return; }
    api.LMSSetValue("cmi.core.score.min", "0");
    api.LMSSetValue("cmi.core.score.max", "100");
    api.LMSSetValue("cmi.core.score.raw", String(score));
    var passed = mastery === null ? true : score >= mastery;
    api.LMSSetValue("cmi.core.lesson_status", passed ? "passed" : "failed");
    api.LMSCommit("");
  },
  finish: function () {
    if (!api) { return; }
    api.LMSSetValue("cmi.core.exit", "suspend");
    api.LMSCommit(""); api.LMSFinish("");
  }
};
"""

_SCO_2004 = """
function findAPI(win) {
  var tries = 0;
  while (win.API_1484_11 == null && win.parent != null && win.parent != win && tries < 500) {
    tries += 1; win = win.parent;
  }
  return win.API_1484_11 || null;
}
var api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
var passing = null;
var lms = {
  api: api, location: "cmi.location", suspend: "cmi.suspend_data",
  init: function () { api.Initialize(""); },
  get: function (name) { return api ? api.GetValue(name) : ""; },
  set: function (name, value) { if (api) { api.SetValue(name, value); } },
  commit: function () { if (api) { api.Commit(""); } },
  started: function () {
    var value = api.GetValue("cmi.scaled_passing_score");
    passing = value === "" ? null : Number(value);
    if (api.GetValue("cmi.completion_status") !== "completed") {
      api.SetValue("cmi.completion_status", "incomplete");
    }
  },
  score: function (score) {
    if (!api) { return; }
    api.SetValue("cmi.score.min", "0");
    api.SetValue("cmi.score.max", "100");
    api.SetValue("cmi.score.raw", String(score));
    api.SetValue("cmi.score.scaled", String(score / 100));
    api.SetValue("cmi.completion_status", "completed");
    var passed = passing === null ? true : score / 100 >= passing;
    api.SetValue("cmi.success_status", passed ? "passed" : "failed");
    api.Commit("");
  },
  finish: function () {
    if (!api) { return; }
    api.SetValue("cmi.exit", "suspend");
    api.Commit(""); api.Terminate("");
  }
};
"""

# A cmi5 AU in plain JavaScript (cmi5 sections 8-11): launch parameters, the fetch URL's token,
# LMS.LaunchData, learner preferences, then initialized ... completed, passed/failed against the
# mastery score, terminated; its page is kept in a state document of its own to resume there.
_AU_CMI5 = r"""
var query = new URLSearchParams(window.location.search);
var endpoint = (query.get("endpoint") || "").replace(/\/?$/, "/");
var fetchUrl = query.get("fetch"), actorText = query.get("actor");
var registration = query.get("registration"), activity = query.get("activityId");
var CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
var MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
var MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
var BOOKMARK = "ICIM.bookmark";
var token = null, launchData = null, startedAt = null, ready = false, ended = false;
var bookmark = {page: 1, completed: false, passed: false}, judged = false;
function uuid() {
  if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
  return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
    return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
  });
}
function duration(since) {
  return "PT" + Math.max(0, Math.round((Date.now() - since) / 10) / 100) + "S";
}
function xapi(method, path, params, body, keepalive) {
  var url = endpoint + path + "?" + new URLSearchParams(params || {}).toString();
  var headers = {"Authorization": "Basic " + token, "X-Experience-API-Version": "1.0.3"};
  if (body !== undefined) { headers["Content-Type"] = "application/json"; }
  return fetch(url, {method: method, headers: headers, keepalive: !!keepalive,
    body: body === undefined ? undefined : JSON.stringify(body)});
}
function stateParams(stateId) {
  return {activityId: activity, agent: actorText, registration: registration, stateId: stateId};
}
function send(verb, result, extra, keepalive) {
  var context = JSON.parse(JSON.stringify(launchData.contextTemplate || {}));
  context.registration = registration;
  context.contextActivities = context.contextActivities || {};
  var categories = [{id: CMI5}];
  if (result && ("success" in result || "completion" in result)) { categories.push({id: MOVEON}); }
  context.contextActivities.category = categories;
  context.extensions = Object.assign({}, context.extensions || {}, extra || {});
  var statement = {
    id: uuid(), timestamp: new Date().toISOString(), actor: JSON.parse(actorText),
    verb: {id: "http://adlnet.gov/expapi/verbs/" + verb, display: {"en-US": verb}},
    object: {objectType: "Activity", id: activity}, context: context
  };
  if (result) { statement.result = result; }
  return xapi("POST", "statements", null, statement, keepalive);
}
function saved(text) {
  return function (response) {
    if (response && response.ok) { document.getElementById("saved").textContent = text; }
  };
}
function saveBookmark() {
  if (!ready) { return Promise.resolve(); }
  return xapi("PUT", "activities/state", stateParams(BOOKMARK), bookmark)
    .then(saved("Your place is saved (page " + bookmark.page + ")."));
}
function terminate(keepalive) {
  if (!ready || ended) { return; }
  ended = true;
  send("terminated", {duration: duration(startedAt)}, null, keepalive);
}
var lms = {
  api: null, location: "page", suspend: "",
  init: function () {}, get: function () { return ""; }, commit: function () {},
  started: function () {},
  set: function (name, value) {
    if (name === "page" && ready && Number(value) !== bookmark.page) {
      bookmark.page = Number(value); saveBookmark();
    }
  },
  score: function (score) {
    if (!ready || judged) { return; }
    judged = true;
    var scaled = score / 100;
    var mastery = launchData.masteryScore;
    var passed = typeof mastery === "number" ? scaled >= mastery : true;
    var chain = Promise.resolve();
    if (!bookmark.completed) {
      bookmark.completed = true;
      chain = send("completed", {completion: true, duration: duration(startedAt)});
    }
    if (!bookmark.passed) {
      var extra = {};
      if (typeof mastery === "number") { extra[MASTERY] = mastery; }
      chain = chain.then(function () {
        return send(passed ? "passed" : "failed", {
          success: passed, duration: duration(startedAt),
          score: {scaled: scaled, raw: score, min: 0, max: 100}
        }, extra);
      });
      bookmark.passed = passed;
    }
    chain.then(saveBookmark).then(function () {
      document.getElementById("saved").textContent = "Your result is recorded.";
    });
  },
  finish: function () { terminate(false); }
};
function start() {
  if (!fetchUrl) { return; }
  fetch(fetchUrl, {method: "POST"}).then(function (response) { return response.json(); })
    .then(function (answer) {
      if (!answer["auth-token"]) { throw new Error(answer["error-text"] || "no token"); }
      token = answer["auth-token"];
      return xapi("GET", "activities/state", stateParams("LMS.LaunchData"));
    })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      launchData = data;
      return xapi("GET", "agents/profile",
        {agent: actorText, profileId: "cmi5LearnerPreferences"});
    })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (preferences) {
      var language = (preferences.languagePreference || "").split(",")[0];
      if (language) { document.documentElement.lang = language; }
      return xapi("GET", "activities/state", stateParams(BOOKMARK));
    })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (stored) {
      if (stored && stored.page) { bookmark = stored; }
      startedAt = Date.now();
      return send("initialized");
    })
    .then(function () {
      ready = true;
      showPage(Math.min(Math.max(Number(bookmark.page) || 1, 1), 4));
    })
    .catch(function (problem) {
      document.getElementById("result").textContent = "Cannot reach the LMS: " + problem;
    });
}
window.addEventListener("pagehide", function () { terminate(true); });
start();
"""


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _content(title: str, script: str, code: str) -> dict[str, str]:
    return {
        "index.html": _PAGE.format(title=title, script=script),
        "style.css": _STYLE,
        script: code + _SCO_COMMON,
    }


def build_scorm12_package(
    *, title: str = "Fire safety (SCORM 1.2)", mastery_score: int = 80
) -> bytes:
    """A SCORM 1.2 package: one SCO with adlcp:masteryscore `mastery_score`."""
    manifest = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="icim.fire.scorm12" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="item1" identifierref="sco1">
        <title>{title}</title>
        <adlcp:masteryscore>{mastery_score}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/><file href="style.css"/><file href="sco.js"/>
    </resource>
  </resources>
</manifest>
"""
    return _zip({"imsmanifest.xml": manifest, **_content(title, "sco.js", _SCO_12)})


def build_scorm2004_package(
    *, title: str = "Fire safety (SCORM 2004)", scaled_passing_score: str = "0.8"
) -> bytes:
    """A SCORM 2004 4th edition package: one SCO whose primary objective is satisfied by a
    measure of `scaled_passing_score`."""
    manifest = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="icim.fire.scorm2004" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="item1" identifierref="sco1">
        <title>{title}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="fire" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>{scaled_passing_score}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/><file href="style.css"/><file href="sco.js"/>
    </resource>
  </resources>
</manifest>
"""
    return _zip({"imsmanifest.xml": manifest, **_content(title, "sco.js", _SCO_2004)})


def build_cmi5_package(
    *,
    title: str = "Fire safety (cmi5)",
    mastery_score: str = "0.5",
    move_on: str = "CompletedAndPassed",
) -> bytes:
    """A cmi5 package: one AU (moveOn `move_on`, masteryScore `mastery_score`)."""
    structure = f"""<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://academy.icim.example/packages/fire-cmi5">
    <title><langstring lang="en-US">{title}</langstring></title>
    <description><langstring lang="en-US">Three pages and a check.</langstring></description>
  </course>
  <au id="https://academy.icim.example/packages/fire-cmi5/au1" moveOn="{move_on}"
      masteryScore="{mastery_score}" launchMethod="AnyWindow">
    <title><langstring lang="en-US">{title}</langstring></title>
    <description><langstring lang="en-US">Three pages and a check.</langstring></description>
    <url>index.html</url>
  </au>
</courseStructure>
"""
    return _zip({"cmi5.xml": structure, **_content(title, "au.js", _AU_CMI5)})


def build_elearning_package(standard: str) -> bytes:
    """The test package of `standard` ("scorm12", "scorm2004" or "cmi5"). Raises KeyError."""
    builders: dict[str, Callable[[], bytes]] = {
        "scorm12": build_scorm12_package,
        "scorm2004": build_scorm2004_package,
        "cmi5": build_cmi5_package,
    }
    return builders[standard]()
