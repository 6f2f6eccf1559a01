/* The learner player: one course, one question at a time, tracked through SCORM 1.2, SCORM 2004 or
   localStorage.  Plain JavaScript with no dependencies and no network requests; the export embeds the
   course (already rendered and sanitised) in index.html as JSON. */
(function () {
  "use strict";

  var course = JSON.parse(document.getElementById("course-data").textContent);
  var LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
  var BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
  var startedAt = Date.now();

  /* ---- The screens, in order: items, each question of a quiz, then the summary. ---- */
  var screens = [];
  var quizOf = {};        // item index -> quiz number
  var reflectionOf = {};  // item index -> reflection number
  var questionCount = 0;
  var quizCount = 0;
  var reflectionCount = 0;
  var takenIds = {};
  course.items.forEach(function (item, i) {
    takenIds[item.id] = true;
    screens.push({ id: item.id, kind: item.kind, item: i });
    if (item.kind === "quiz") {
      quizOf[i] = quizCount++;
      item.first = questionCount;
      item.questions.forEach(function (question, j) {
        takenIds[question.id] = true;
        screens.push({ id: question.id, kind: "question", item: i, q: j, n: questionCount++ });
      });
    } else if (item.kind === "reflection") {
      reflectionOf[i] = reflectionCount++;
    }
  });
  var summaryId = "summary";
  while (takenIds[summaryId]) { summaryId += "-"; }
  screens.push({ id: summaryId, kind: "summary" });

  function questionAt(n) {
    for (var i = 0; i < screens.length; i++) {
      if (screens[i].kind === "question" && screens[i].n === n) { return screens[i]; }
    }
    return null;
  }
  function questionData(screen) { return course.items[screen.item].questions[screen.q]; }
  function indexOfScreen(id) {
    for (var i = 0; i < screens.length; i++) { if (screens[i].id === id) { return i; } }
    return -1;
  }

  /* ---- Resume state and its compact encoding (suspend_data).
     Format 1, the same as authoring/export/web_package/suspend_format.py, which documents it:
       1|SEED|VISITED|ATTEMPTS|ANSWERS|REFLECTIONS
     SEED base-36 (<= 4 digits) seeds the choice shuffle; VISITED is a hex bit set of items (item 0 is
     the high bit of the first digit); ATTEMPTS is one base-36 digit per quiz; ANSWERS holds, per
     question, the letters of the checked choices in the author's order (a = first), joined by ".",
     empty when not checked in this attempt; REFLECTIONS is LENGTH:TEXT per reflection, LENGTH in
     decimal UTF-16 units, with nothing between entries.  A 40-question course with reflections fits
     SCORM 1.2's 4,096 characters because each reflection box is capped at its share
     (course.reflectionLimit, computed at export). ---- */
  function freshState() {
    var state = { seed: Math.floor(Math.random() * 1679616), visited: [], attempts: [], answers: [],
      reflections: [], checkedAt: {} };
    course.items.forEach(function () { state.visited.push(false); });
    for (var q = 0; q < quizCount; q++) { state.attempts.push(0); }
    for (var n = 0; n < questionCount; n++) { state.answers.push(""); }
    for (var r = 0; r < reflectionCount; r++) { state.reflections.push(""); }
    return state;
  }

  function encodeState(state) {
    var bits = state.visited.map(function (seen) { return seen ? "1" : "0"; }).join("");
    while (bits.length % 4) { bits += "0"; }
    var visited = "";
    for (var i = 0; i < bits.length; i += 4) { visited += parseInt(bits.slice(i, i + 4), 2).toString(16); }
    var attempts = state.attempts.map(function (n) { return BASE36.charAt(Math.min(n, 35)); }).join("");
    var reflections = state.reflections.map(function (text) { return text.length + ":" + text; }).join("");
    return ["1", state.seed.toString(36), visited, attempts, state.answers.join("."), reflections].join("|");
  }

  function decodeState(text) {
    var state = freshState();
    var parts = [];
    var rest = text;
    for (var p = 0; p < 5; p++) {
      var bar = rest.indexOf("|");
      if (bar < 0) { return null; }
      parts.push(rest.slice(0, bar));
      rest = rest.slice(bar + 1);
    }
    parts.push(rest);
    if (parts[0] !== "1") { return null; }
    state.seed = parseInt(parts[1], 36) || 0;
    var bits = "";
    for (var h = 0; h < parts[2].length; h++) {
      bits += ("000" + parseInt(parts[2].charAt(h), 16).toString(2)).slice(-4);
    }
    state.visited = state.visited.map(function (_, i) { return bits.charAt(i) === "1"; });
    state.attempts = state.attempts.map(function (_, i) { return parseInt(parts[3].charAt(i) || "0", 36) || 0; });
    var answers = parts[4] ? parts[4].split(".") : [];
    state.answers = state.answers.map(function (_, n) {
      var screen = questionAt(n);
      var choices = screen ? questionData(screen).choices.length : 0;
      return (answers[n] || "").split("").filter(function (letter) {
        var index = LETTERS.indexOf(letter);
        return index >= 0 && index < choices;
      }).join("");
    });
    var position = 0;
    var texts = parts[5];
    for (var r = 0; r < reflectionCount && position < texts.length; r++) {
      var colon = texts.indexOf(":", position);
      if (colon < 0) { break; }
      var length = parseInt(texts.slice(position, colon), 10) || 0;
      state.reflections[r] = texts.substr(colon + 1, length);
      position = colon + 1 + length;
    }
    return state;
  }

  /* ---- The LMS: SCORM 1.2, SCORM 2004, or this browser's localStorage. ---- */

  // ADL's search: up the parent chain (at most 500 levels), then from the opener.
  function findApi(name) {
    function search(win) {
      var levels = 0;
      try {
        while (win && win[name] == null && win.parent && win.parent !== win && levels < 500) {
          levels++;
          win = win.parent;
        }
        return win && win[name] != null ? win[name] : null;
      } catch (e) {
        return null;  // a cross-origin frame: no API there
      }
    }
    var api = search(window);
    if (!api && window.opener) { api = search(window.opener); }
    return api;
  }

  function pad(number, digits) { return ("000" + number).slice(-digits); }

  function clockTime(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  // SCORM 1.2 CMITimespan: HHHH:MM:SS.SS with 2 to 4 hour digits.
  function timespan12(ms) {
    var centis = Math.round(ms / 10);
    var hours = Math.min(Math.floor(centis / 360000), 9999);
    var minutes = Math.floor(centis / 6000) % 60;
    var seconds = (centis % 6000) / 100;
    var whole = Math.floor(seconds);
    return (hours < 10 ? "0" + hours : String(hours)) + ":" + pad(minutes, 2) + ":" + pad(whole, 2) + "." +
      pad(Math.round((seconds - whole) * 100), 2);
  }

  // SCORM 2004 duration: PT#H#M#S with at most two decimals.
  function duration2004(ms) {
    var centis = Math.round(ms / 10);
    var hours = Math.floor(centis / 360000);
    var minutes = Math.floor(centis / 6000) % 60;
    var seconds = (centis % 6000) / 100;
    return "PT" + hours + "H" + minutes + "M" + seconds.toFixed(2).replace(/\.?0+$/, "") + "S";
  }

  // SCORM 2004 time: UTC with two fractional digits (Moodle allows a zone only after the fraction).
  function timestamp2004(date) {
    return date.getUTCFullYear() + "-" + pad(date.getUTCMonth() + 1, 2) + "-" + pad(date.getUTCDate(), 2) +
      "T" + pad(date.getUTCHours(), 2) + ":" + pad(date.getUTCMinutes(), 2) + ":" + pad(date.getUTCSeconds(), 2) +
      "." + pad(Math.floor(date.getUTCMilliseconds() / 10), 2) + "Z";
  }

  // At most `length` UTF-16 units, never half of an emoji: a lone surrogate is not valid text for an LMS.
  /* A localized string (2004): one line, and not starting with "{", which would open a language tag
     (Moodle and scorm-again refuse both); line breaks show as " / ". */
  function localizedString(text, length) {
    var line = text.replace(/[ \t]*(?:\r\n|[\n\r\u2028\u2029])[\s]*/g, " / ");
    if (line.charAt(0) === "{") { line = "{lang=" + course.lang + "} " + line; }
    return cut(line, length);
  }

  function cut(text, length) {
    if (text.length <= length) { return text; }
    var end = length;
    var last = text.charCodeAt(end - 1);
    if (last >= 0xD800 && last <= 0xDBFF) { end -= 1; }
    return text.slice(0, end);
  }

  function round(value, places) {
    var factor = Math.pow(10, places);
    return Math.round(value * factor) / factor;
  }

  function ScormLms(version, api) {
    var v12 = version === "scorm12";
    var open = false;
    var nextInteraction = 0;
    var status = "";
    var reported = "";
    function call(method12, method2004, a, b) {
      var method = v12 ? method12 : method2004;
      var result = b === undefined ? api[method](a) : api[method](a, b);
      return result === undefined || result === null ? "" : String(result);
    }
    function get(element) { return call("LMSGetValue", "GetValue", element); }
    function set(element, value) {
      if (!open) { return; }
      if (call("LMSSetValue", "SetValue", element, String(value)) !== "true" && window.console) {
        window.console.warn("LMS refused " + element + ": error " + call("LMSGetLastError", "GetLastError", ""));
      }
    }
    return {
      kind: version,
      start: function () {
        open = call("LMSInitialize", "Initialize", "") === "true";
        if (!open) { return null; }
        var info = {
          location: get(v12 ? "cmi.core.lesson_location" : "cmi.location"),
          suspend: get("cmi.suspend_data"),
          passScaled: null
        };
        status = get(v12 ? "cmi.core.lesson_status" : "cmi.completion_status");
        var mastery = get(v12 ? "cmi.student_data.mastery_score" : "cmi.scaled_passing_score");
        var number = parseFloat(mastery);
        if (mastery !== "" && !isNaN(number)) {
          if (v12 && number >= 0 && number <= 100) { info.passScaled = number / 100; }
          if (!v12 && number >= -1 && number <= 1) { info.passScaled = number; }
        }
        nextInteraction = parseInt(get("cmi.interactions._count"), 10) || 0;
        if (status === "" || status === "not attempted" || status === "unknown") {
          status = "incomplete";
          set(v12 ? "cmi.core.lesson_status" : "cmi.completion_status", "incomplete");
        }
        return info;
      },
      save: function (location, suspend) {
        set(v12 ? "cmi.core.lesson_location" : "cmi.location", location);
        set("cmi.suspend_data", suspend);
      },
      // Score first, then status: an LMS may recompute the status from the score on finish.
      result: function (outcome) {
        var key = [outcome.scored, outcome.raw, outcome.passed, outcome.completed].join();
        if (key === reported) { return; }
        reported = key;
        if (outcome.scored) {
          if (v12) {
            set("cmi.core.score.min", "0");
            set("cmi.core.score.max", "100");
            set("cmi.core.score.raw", String(outcome.raw));
            status = outcome.passed ? "passed" : "failed";
            set("cmi.core.lesson_status", status);
          } else {
            set("cmi.score.scaled", String(outcome.scaled));
            set("cmi.score.raw", String(outcome.raw));
            set("cmi.score.min", "0");
            set("cmi.score.max", "100");
            set("cmi.success_status", outcome.passed ? "passed" : "failed");
            status = "completed";
            set("cmi.completion_status", status);
          }
        } else if (outcome.completed && status !== "completed") {
          status = "completed";
          set(v12 ? "cmi.core.lesson_status" : "cmi.completion_status", status);
        }
      },
      answer: function (record) {
        var n = "cmi.interactions." + nextInteraction++ + ".";
        set(n + "id", record.id);
        set(n + "type", record.type);
        if (v12) {
          if (record.correct !== undefined) { set(n + "correct_responses.0.pattern", record.correct.join(",")); }
          // A 1.2 student_response holds 255 characters at most, on one line.
          set(n + "student_response", cut(record.response.join(",").replace(/\s+/g, " "), 255));
          set(n + "result", record.result === "incorrect" ? "wrong" : record.result);
          if (record.weighting !== undefined) { set(n + "weighting", "1"); }
          set(n + "latency", timespan12(record.latency));
          set(n + "time", clockTime(new Date()));
        } else {
          if (record.description) { set(n + "description", record.description); }
          if (record.correct !== undefined) { set(n + "correct_responses.0.pattern", record.correct.join("[,]")); }
          var response = record.response.join("[,]");
          if (record.type === "long-fill-in") { response = localizedString(response, 4000); }
          set(n + "learner_response", response);
          set(n + "result", record.result);
          if (record.weighting !== undefined) { set(n + "weighting", "1"); }
          set(n + "latency", duration2004(record.latency));
          set(n + "timestamp", timestamp2004(new Date()));
        }
      },
      // The reflection: 1.2 keeps it in cmi.comments (4,096 characters), never in a 255-character
      // student_response; 2004 as a long-fill-in interaction (4,000).
      reflect: function (record) {
        if (v12) {
          set("cmi.comments", cut("[" + record.id + "] " + record.text, 4096));
        } else {
          this.answer({ id: record.id, type: "long-fill-in", description: record.description,
            response: [record.text], result: "neutral", latency: record.latency });
        }
      },
      commit: function () { if (open) { call("LMSCommit", "Commit", ""); } },
      finish: function (done) {
        if (!open) { return; }
        set(v12 ? "cmi.core.exit" : "cmi.exit", done ? (v12 ? "" : "normal") : "suspend");
        set(v12 ? "cmi.core.session_time" : "cmi.session_time",
          v12 ? timespan12(Date.now() - startedAt) : duration2004(Date.now() - startedAt));
        open = false;
        call("LMSFinish", "Terminate", "");
      }
    };
  }

  function LocalLms() {
    var key = "authoring-player:" + course.id;
    var saved = {};
    function store() {
      try { window.localStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* private mode: keep going */ }
    }
    return {
      kind: "local",
      start: function () {
        try { saved = JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (e) { saved = {}; }
        return { location: saved.location || "", suspend: saved.suspend || "", passScaled: null };
      },
      save: function (location, suspend) { saved.location = location; saved.suspend = suspend; store(); },
      result: function () { /* the summary shows it; nothing to report */ },
      answer: function () { /* no LMS to tell */ },
      reflect: function () { /* kept in the saved state already */ },
      commit: store,
      finish: function (done) { saved.finished = done; store(); }
    };
  }

  function connect() {
    if (course.runtime === "scorm12" || course.runtime === "scorm2004") {
      var api = findApi(course.runtime === "scorm12" ? "API" : "API_1484_11");
      if (api) {
        var lms = ScormLms(course.runtime, api);
        var info = lms.start();
        if (info) { return { lms: lms, info: info }; }
      }
    }
    var local = LocalLms();
    return { lms: local, info: local.start(), offline: course.runtime !== "local" };
  }

  var connection = connect();
  var lms = connection.lms;
  var state = (connection.info.suspend && decodeState(connection.info.suspend)) || freshState();
  var passScaled = connection.info.passScaled !== null ? connection.info.passScaled : course.passMark / 100;
  var finished = false;
  var current = -1;
  var shownAt = Date.now();
  var reportedReflections = {};
  // What an earlier session left is in the LMS already: passing by its screen does not report it again.
  Object.keys(reflectionOf).forEach(function (itemIndex) {
    var text = state.reflections[reflectionOf[itemIndex]];
    if (text) { reportedReflections[itemIndex] = text; }
  });

  /* ---- Scoring ---- */
  function isCorrect(question, answer) {
    var expected = question.choices.map(function (choice, i) { return choice.correct ? LETTERS.charAt(i) : ""; }).join("");
    return answer === expected;
  }

  function outcome() {
    var answered = 0;
    var correct = 0;
    screens.forEach(function (screen) {
      if (screen.kind !== "question") { return; }
      var answer = state.answers[screen.n];
      if (answer) {
        answered++;
        if (isCorrect(questionData(screen), answer)) { correct++; }
      }
    });
    var scaled = questionCount ? round(correct / questionCount, 4) : 0;
    var allVisited = state.visited.every(function (seen, i) { return seen || course.items[i].kind === "quiz"; });
    return {
      answered: answered, correct: correct, scaled: scaled, raw: round(scaled * 100, 2),
      scored: questionCount > 0 && answered === questionCount,
      passed: questionCount > 0 && answered === questionCount && scaled >= passScaled,
      completed: questionCount > 0 ? answered === questionCount : allVisited
    };
  }

  function quizScore(itemIndex) {
    var quiz = course.items[itemIndex];
    var correct = 0;
    var answered = 0;
    quiz.questions.forEach(function (question, j) {
      var answer = state.answers[quiz.first + j];
      if (answer) { answered++; }
      if (answer && isCorrect(question, answer)) { correct++; }
    });
    return { correct: correct, answered: answered, total: quiz.questions.length };
  }

  function attemptsLeft(itemIndex) {
    return course.maxAttempts === 0 || state.attempts[quizOf[itemIndex]] < course.maxAttempts;
  }

  /* ---- Saving ---- */
  function persist(commit) {
    var screen = screens[current];
    lms.save(screen ? screen.id : "", encodeState(state));
    if (commit) { lms.commit(); }
  }

  /* ---- Building the page ---- */
  var main = document.getElementById("content");
  var announcer = document.getElementById("announcer");

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "text") { node.textContent = value; } else if (name === "html") { node.innerHTML = value; } else {
        node.setAttribute(name, value === true ? "" : value);
      }
    });
    (children || []).forEach(function (child) {
      if (child) { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); }
    });
    return node;
  }

  // Sanitised at export; links to other sites open in a new tab so the course stays open in the LMS.
  function content(html, className) {
    if (!html) { return null; }
    var box = el("div", { "class": className || "content", html: html });
    Array.prototype.forEach.call(box.querySelectorAll("a[href]"), function (link) {
      if (/^(https?:|mailto:|tel:)/i.test(link.getAttribute("href"))) {
        link.setAttribute("target", "_blank");
        link.appendChild(el("span", { "class": "visually-hidden", text: " (opens in a new tab)" }));
      }
    });
    return box;
  }

  function add(parent, node) { if (node) { parent.appendChild(node); } }

  function announce(message) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = message; }, 50);
  }

  function heading(html, level) {
    return el(level || "h1", { id: "screen-heading", tabindex: "-1", html: html });
  }

  function kicker(text) { return el("p", { "class": "kicker", text: text }); }

  function button(label, onClick, className) {
    var node = el("button", { type: "button", "class": className || null, text: label });
    node.addEventListener("click", onClick);
    return node;
  }

  /* The attempt the learner is taking: the count goes up on the first answer checked, so a quiz with no
     answers yet shows the next one; the choices keep their order when that first answer is checked. */
  function attemptShown(itemIndex) {
    var item = course.items[itemIndex];
    var fresh = item.questions.every(function (_, j) { return !state.answers[item.first + j]; });
    return state.attempts[quizOf[itemIndex]] + (fresh ? 1 : 0);
  }

  // Seeded shuffle (mulberry32), so a resumed question keeps its order within an attempt.
  function shuffled(count, salt) {
    var order = [];
    for (var i = 0; i < count; i++) { order.push(i); }
    if (!course.shuffle) { return order; }
    var seed = (state.seed ^ Math.imul(salt + 1, 2654435761)) >>> 0;
    function random() {
      seed = (seed + 0x6D2B79F5) >>> 0;
      var t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    for (var k = count - 1; k > 0; k--) {
      var j = Math.floor(random() * (k + 1));
      var swap = order[k]; order[k] = order[j]; order[j] = swap;
    }
    return order;
  }

  /* ---- Screens ---- */
  function showLesson(screen) {
    var item = course.items[screen.item];
    main.appendChild(kicker(item.kind === "reflection" ? "Reflection" : "Lesson"));
    main.appendChild(heading(item.title));
    add(main, content(item.html));
  }

  function showQuizIntro(screen) {
    var item = course.items[screen.item];
    var quiz = quizOf[screen.item];
    var score = quizScore(screen.item);
    main.appendChild(kicker("Quiz"));
    main.appendChild(heading(item.title));
    add(main, content(item.html));
    // A line of facts, not a sentence: authors often say the pass mark in their own words above it.
    var facts = [item.questions.length + (item.questions.length === 1 ? " question" : " questions"),
      "pass mark " + Math.round(passScaled * 100) + "%"];
    if (course.maxAttempts) {
      facts.push("attempts used: " + state.attempts[quiz] + " of " + course.maxAttempts);
    }
    main.appendChild(el("p", { "class": "facts", text: facts.join(" · ") }));
    if (score.answered < score.total) {
      var first = indexOfScreen(item.questions[firstUnanswered(screen.item)].id);
      main.appendChild(button(score.answered ? "Continue the quiz" : "Start the quiz",
        function () { go(first, true); }, "primary"));
    } else {
      main.appendChild(el("p", { text: "You have answered every question: " + score.correct + " of " +
        score.total + " correct." }));
    }
  }

  function firstUnanswered(itemIndex) {
    var quiz = course.items[itemIndex];
    for (var j = 0; j < quiz.questions.length; j++) { if (!state.answers[quiz.first + j]) { return j; } }
    return 0;
  }

  function showQuestion(screen) {
    var item = course.items[screen.item];
    var question = questionData(screen);
    var answer = state.answers[screen.n];
    var checked = answer !== "";
    var type = question.multiple ? "checkbox" : "radio";
    main.appendChild(kicker(el("span", { html: item.title }).textContent + " · Question " + (screen.q + 1) +
      " of " + item.questions.length));
    main.appendChild(heading(question.stem));
    add(main, content(question.html));
    var hint = question.multiple ? "Select all that apply." : "Choose one answer.";
    // Many authors already end the question with the hint: then say it once, not twice.
    var repeated = question.text.toLowerCase().indexOf(hint.slice(0, -1).toLowerCase()) >= 0;
    var group = el("fieldset", { "class": "choices",
      "aria-labelledby": repeated ? "screen-heading" : "screen-heading choices-hint" },
      [el("legend", { id: "choices-hint", "class": repeated ? "visually-hidden" : null, text: hint })]);
    var order = shuffled(question.choices.length, screen.n * 131 + attemptShown(screen.item));
    order.forEach(function (index, position) {
      var choice = question.choices[index];
      var letter = LETTERS.charAt(index);
      var chosen = answer.indexOf(letter) >= 0;
      var input = el("input", { type: type, name: "answer", id: "choice-" + position, value: letter,
        checked: chosen, disabled: checked });
      var row = el("div", { "class": "choice" + (checked && chosen ? " chosen" : "") +
        (checked && choice.correct ? " right" : "") }, [input, el("label", { "for": "choice-" + position,
        html: choice.html })]);
      if (checked && (chosen || choice.correct)) {
        var notes = [];
        if (chosen) { notes.push("Your answer"); }
        if (choice.correct) { notes.push(question.multiple ? "A correct answer" : "The correct answer"); }
        row.appendChild(el("span", { "class": "mark", text: notes.join(" · ") }));
      }
      group.appendChild(row);
    });
    main.appendChild(group);
    if (!checked) {
      main.appendChild(button("Check answer", function () { check(screen, group); }, "primary"));
    } else {
      main.appendChild(feedback(question, answer));
    }
  }

  function feedback(question, answer) {
    var right = isCorrect(question, answer);
    var box = el("section", { "class": "feedback " + (right ? "is-correct" : "is-incorrect"),
      "aria-labelledby": "feedback-heading" }, [
      el("h2", { id: "feedback-heading", tabindex: "-1", text: right ? "Correct" : "Incorrect" })
    ]);
    question.choices.forEach(function (choice, index) {
      if (answer.indexOf(LETTERS.charAt(index)) < 0 || !choice.feedback) { return; }
      box.appendChild(el("div", { "class": "choice-feedback" }, [
        el("p", { "class": "feedback-for" }, [el("span", { text: "You chose: " }), el("span", { html: choice.html })]),
        content(choice.feedback)
      ]));
    });
    if (question.explanation) {
      box.appendChild(el("h3", { text: "Explanation" }));
      box.appendChild(content(question.explanation));
    }
    return box;
  }

  function check(screen, group) {
    var letters = Array.prototype.filter.call(group.querySelectorAll("input"), function (input) {
      return input.checked;
    }).map(function (input) { return input.value; }).sort(function (a, b) {
      return LETTERS.indexOf(a) - LETTERS.indexOf(b);
    });
    if (!letters.length) {
      announce(questionData(screen).multiple ? "Select at least one answer first." : "Choose an answer first.");
      group.querySelector("input").focus();
      return;
    }
    var question = questionData(screen);
    var quiz = quizOf[screen.item];
    var item = course.items[screen.item];
    var fresh = item.questions.every(function (_, j) { return !state.answers[item.first + j]; });
    if (fresh) { state.attempts[quiz] += 1; }
    state.answers[screen.n] = letters.join("");
    var right = isCorrect(question, state.answers[screen.n]);
    lms.answer({
      id: screen.id, type: "choice", description: question.text, response: letters,
      correct: question.choices.map(function (c, i) { return c.correct ? LETTERS.charAt(i) : ""; })
        .filter(Boolean),
      result: right ? "correct" : "incorrect", weighting: 1, latency: Date.now() - shownAt
    });
    lms.result(outcome());
    persist(true);
    render(false);
    // Focus on the "Correct"/"Incorrect" heading reads the result: a live announcement would repeat it.
    var target = document.getElementById("feedback-heading");
    if (target) { target.focus(); }
  }

  function showReflection(screen) {
    var number = reflectionOf[screen.item];
    showLesson(screen);
    var limit = course.reflectionLimit;
    var box = el("textarea", { id: "reflection-answer", rows: "6", maxlength: String(limit),
      "aria-describedby": "reflection-hint" });
    box.value = state.reflections[number];
    box.addEventListener("input", function () {
      var text = box.value;
      text = cut(text, limit);
      state.reflections[number] = text;
    });
    main.appendChild(el("div", { "class": "reflection" }, [
      el("label", { "for": "reflection-answer", text: "Your answer" }),
      el("p", { id: "reflection-hint", "class": "hint",
        text: "Not scored. Up to " + limit + " characters. Your answer is kept when you move on." }),
      box,
      button("Save answer", function () {
        reportReflection(screen.item);
        persist(true);
        announce("Your answer is saved.");
      })
    ]));
  }

  function reportReflection(itemIndex) {
    var number = reflectionOf[itemIndex];
    var text = state.reflections[number];
    if (!text || reportedReflections[itemIndex] === text) { return; }
    reportedReflections[itemIndex] = text;
    lms.reflect({ id: course.items[itemIndex].id, description: course.items[itemIndex].text, text: text,
      latency: Date.now() - shownAt });
  }

  function showSummary() {
    var result = outcome();
    main.appendChild(heading("Summary"));
    if (questionCount) {
      var unanswered = questionCount - result.answered;
      var standing = unanswered ? "pending" : result.passed ? "passed" : "failed";
      var card = el("div", { "class": "result " + standing }, [
        el("p", { "class": "verdict" }, [el("strong", { text: unanswered ? "Not finished yet" :
          result.passed ? "Passed" : "Failed" })]),
        el("p", { text: unanswered ? "You have answered " + result.answered + " of " + questionCount +
          " questions. Answer them all to get your score; the pass mark is " + Math.round(passScaled * 100) + "%." :
          "Your score: " + Math.round(result.raw) + "% (" + result.correct + " of " + questionCount +
          " correct). The pass mark is " + Math.round(passScaled * 100) + "%." })
      ]);
      main.appendChild(card);
      var list = el("ul", { "class": "quiz-results" });
      course.items.forEach(function (item, i) {
        if (item.kind !== "quiz") { return; }
        var score = quizScore(i);
        var entry = el("li", {}, [el("span", { html: item.title }),
          ": " + score.correct + " of " + score.total + " correct"]);
        if (score.answered < score.total) {
          var first = indexOfScreen(item.questions[firstUnanswered(i)].id);
          entry.appendChild(document.createTextNode(", " + (score.total - score.answered) + " not answered. "));
          if (!finished) {
            entry.appendChild(button("Go to the first unanswered question", function () { go(first, true); }));
          }
        } else if (!result.passed && score.correct < score.total && !attemptsLeft(i)) {
          entry.appendChild(document.createTextNode(". Every attempt allowed has been used."));
        } else if (!result.passed && score.correct < score.total && !finished) {
          entry.appendChild(document.createTextNode(". "));
          entry.appendChild(button("Retry " + el("span", { html: item.title }).textContent, function () {
            retry(i);
          }));
        }
        list.appendChild(entry);
      });
      main.appendChild(list);
    } else {
      main.appendChild(el("p", { text: result.completed ? "You have seen every part of this course." :
        "Some parts of this course are still waiting for you; the outline shows which." }));
    }
    if (finished) {
      main.appendChild(el("p", { "class": "done", text: "You have finished. You can close this window now." }));
    } else {
      main.appendChild(el("p", { "class": "hint", text: result.completed ?
        "Finish records your result and closes the course." :
        "You can finish now and continue later where you left off." }));
      main.appendChild(button("Finish", finish, "primary"));
    }
  }

  function retry(itemIndex) {
    var item = course.items[itemIndex];
    item.questions.forEach(function (_, j) { state.answers[item.first + j] = ""; });
    persist(true);
    go(indexOfScreen(item.questions[0].id), true);
  }

  /* ---- The outline and progress ---- */
  var outlineList = document.getElementById("outline-list");

  function renderOutline() {
    outlineList.textContent = "";
    var screen = screens[current];
    var units = 0;
    var done = 0;
    course.items.forEach(function (item, i) {
      var status;
      var statusText;
      if (item.kind === "quiz") {
        var score = quizScore(i);
        units += score.total;
        done += score.answered;
        status = score.answered + "/" + score.total;
        statusText = score.answered + " of " + score.total + " answered";
      } else {
        units += 1;
        if (state.visited[i]) { done += 1; }
        status = state.visited[i] ? "✓" : "";
        statusText = state.visited[i] ? (item.kind === "reflection" ? "opened" : "viewed") : "not started";
      }
      outlineList.appendChild(outlineEntry(item.id, item.title, status, statusText, screen && screen.item === i &&
        screen.kind !== "summary"));
    });
    outlineList.appendChild(outlineEntry(summaryId, "Summary", "", "", screen && screen.kind === "summary"));
    var percent = units ? Math.round(100 * done / units) : 100;
    document.getElementById("progress-text").textContent = "Progress: " + percent + "%";
    document.getElementById("progress-fill").style.width = percent + "%";
  }

  function outlineEntry(id, title, status, statusText, isCurrent) {
    var link = el(finished ? "span" : "a", { href: finished ? null : "#" + id, "aria-current": isCurrent ? "step" : null },
      [el("span", { "class": "title", html: title })]);
    if (statusText) {
      link.appendChild(el("span", { "class": "status", "aria-hidden": "true", text: status }));
      link.appendChild(el("span", { "class": "visually-hidden", text: ", " + statusText }));
    }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      go(indexOfScreen(id), true);
      if (window.matchMedia("(max-width: 899px)").matches) { setOutline(false); }
    });
    return el("li", {}, [link]);
  }

  var toggle = document.getElementById("outline-toggle");
  var outline = document.getElementById("outline");
  function setOutline(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    outline.classList.toggle("open", open);
  }
  toggle.hidden = false;
  toggle.addEventListener("click", function () { setOutline(toggle.getAttribute("aria-expanded") !== "true"); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOutline(false);
      toggle.focus();
    }
  });

  /* ---- Navigation ---- */
  var previousButton = document.getElementById("previous");
  var nextButton = document.getElementById("next");
  previousButton.addEventListener("click", function () { go(current - 1, true); });
  nextButton.addEventListener("click", function () { go(current + 1, true); });
  document.getElementById("skip-link").addEventListener("click", function (event) {
    event.preventDefault();
    main.focus();
  });

  function leaving() {
    var screen = screens[current];
    if (screen && screen.kind === "reflection") { reportReflection(screen.item); }
  }

  function go(index, moveFocus) {
    // After Finish the LMS session is closed: nothing more would be recorded, so nothing more is offered.
    if (finished || index < 0 || index >= screens.length) { return; }
    if (index !== current) { leaving(); }
    current = index;
    var screen = screens[index];
    if (screen.item !== undefined && screen.kind !== "question") { state.visited[screen.item] = true; }
    if (screen.kind === "question" && !state.visited[screen.item]) { state.visited[screen.item] = true; }
    shownAt = Date.now();
    render(moveFocus);
    if (window.location.hash !== "#" + screen.id) {
      try { window.history.replaceState(null, "", "#" + screen.id); } catch (e) { /* sandboxed: the bookmark still works */ }
    }
    lms.result(outcome());
    persist(true);
  }

  function render(moveFocus) {
    var screen = screens[current];
    main.textContent = "";
    announcer.textContent = "";  // a message about the screen before must not be read out on this one
    if (connection.offline) {
      main.appendChild(el("p", { "class": "notice", text: "No learning management system was found, so your " +
        "progress is kept in this browser only." }));
    }
    if (screen.kind === "lesson") { showLesson(screen); }
    else if (screen.kind === "reflection") { showReflection(screen); }
    else if (screen.kind === "quiz") { showQuizIntro(screen); }
    else if (screen.kind === "question") { showQuestion(screen); }
    else { showSummary(); }
    document.getElementById("pager").hidden = false;
    previousButton.disabled = current === 0;
    nextButton.hidden = screen.kind === "summary";
    nextButton.textContent = current === screens.length - 2 ? "Summary" : "Next";
    renderOutline();
    document.title = main.querySelector("h1").textContent + " – " + course.title;
    if (moveFocus) {
      main.querySelector("h1").focus();
      window.scrollTo(0, 0);
    }
  }

  function finish() {
    if (finished) { return; }
    leaving();
    var result = outcome();
    lms.result(result);
    persist(false);
    finished = true;
    lms.finish(result.completed);
    render(true);
    document.getElementById("pager").hidden = true;
  }

  window.addEventListener("hashchange", function () {
    var index = indexOfScreen(decodeURIComponent(window.location.hash.slice(1)));
    if (index >= 0 && index !== current) { go(index, true); }
  });
  // Never "unload": Chrome and Moodle's permissions policy block it.  pagehide fires when the learner
  // leaves or the LMS removes the frame; visibilitychange is the last sure moment on mobile.
  window.addEventListener("pagehide", function () {
    if (finished) { return; }
    leaving();
    persist(false);
    finished = true;
    lms.finish(false);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && !finished) { leaving(); persist(true); }
  });

  var wanted = indexOfScreen(decodeURIComponent(window.location.hash.slice(1)));
  if (wanted < 0) { wanted = indexOfScreen(connection.info.location); }
  go(wanted < 0 ? 0 : wanted, false);
}());
