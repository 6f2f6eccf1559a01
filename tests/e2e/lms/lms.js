/* A stand-in LMS: scorm-again's runtime as window.API (SCORM 1.2) or window.API_1484_11 (SCORM 2004),
   wrapped so that every raw call the course makes is recorded with its arguments, result and error code.
   The tests read window.calls and check each value against the strict SCORM data types themselves,
   because scorm-again forgives values that Moodle rejects. */
(function () {
  "use strict";
  var METHODS = {
    "1.2": ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError",
      "LMSGetErrorString", "LMSGetDiagnostic"],
    "2004": ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString",
      "GetDiagnostic"]
  };
  window.calls = [];

  function recorder(api, version) {
    var lastError = version === "1.2" ? "LMSGetLastError" : "GetLastError";
    var wrapper = {};
    METHODS[version].forEach(function (name) {
      wrapper[name] = function () {
        var args = Array.prototype.slice.call(arguments).map(String);
        var result = api[name].apply(api, arguments);
        var error = name === lastError ? "0" : String(api[lastError]());
        window.calls.push({ method: name, args: args, result: String(result), error: error });
        return result;
      };
    });
    return wrapper;
  }

  // config: {version: "1.2"|"2004", src: package URL, cmi: JSON for loadFromJSON (a previous session),
  //          launch: "frame" (default, the course in #sco), "nested" (a frame inside #sco) or "window" (a popup)}
  window.startLms = function (config) {
    var api = config.version === "1.2" ? new window.Scorm12API({ logLevel: 5, autocommit: false })
      : new window.Scorm2004API({ logLevel: 5, autocommit: false });
    if (config.cmi) { api.loadFromJSON(config.cmi, ""); }
    window.lms = api;
    if (config.version === "1.2") { window.API = recorder(api, "1.2"); }
    else { window.API_1484_11 = recorder(api, "2004"); }
    if (config.launch === "window") {
      window.courseWindow = window.open(config.src, "course");
    } else if (config.launch === "nested") {
      document.getElementById("sco").src = "nest.html#" + encodeURIComponent(config.src);
    } else {
      document.getElementById("sco").src = config.src;
    }
  };

  // The learner closes the course: closing its window, or removing its frame, fires its pagehide.
  window.closeCourse = function () {
    if (window.courseWindow) {
      window.courseWindow.close();
      return;
    }
    var frame = document.getElementById("sco");
    frame.parentNode.removeChild(frame);
  };
}());
