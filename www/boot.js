// The console before the WebAssembly is ready, and the crash guard after.
//
// Runs from the page's HTML (a classic script at the end of <body>, so it
// runs before the wasm module loader): the terminal frame in index.html is
// live at once — typed lines are echoed and kept in
// `window.dockerlingsBoot.lines`, the line being typed stays in the input —
// and the Rust app takes them over when it starts (src/web/boot.rs) and
// runs them. If the wasm cannot load, or traps later (a panic with
// panic = "abort", a stack overflow), the crash dialog (#crash) is shown
// instead of a dead terminal: its texts are filled in the learner's
// language by src/web/crash.rs once the app runs; the bilingual defaults in
// index.html cover a failure before that.
(function () {
  'use strict';
  var SAVE_KEY = 'dockerlings.sandbox.v1';
  var PROMPT_KEY = 'dockerlings.prompt';
  var boot = (window.dockerlingsBoot = { lines: [], taken: false, crashed: false });
  var root = document.documentElement;
  var input = document.getElementById('boot-input');
  var screen = document.getElementById('boot-screen');
  var promptEl = document.getElementById('boot-prompt');

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  // The prompt the learner last saw (inside a container, on another
  // machine), so the frame does not change under their eyes.
  var saved = storage() && storage().getItem(PROMPT_KEY);
  if (saved && promptEl) promptEl.textContent = saved;

  function echo(typed, mark) {
    var entry = document.createElement('div');
    entry.className = 'entry';
    var p = document.createElement('span');
    p.className = 'prompt';
    p.textContent = promptEl ? promptEl.textContent : '';
    entry.appendChild(p);
    entry.appendChild(document.createTextNode(typed));
    if (mark) {
      var m = document.createElement('span');
      m.className = 'mark';
      m.textContent = mark;
      entry.appendChild(m);
    }
    screen.insertBefore(entry, input.parentNode);
  }

  if (input && screen) {
    input.addEventListener('keydown', function (e) {
      // Enter that confirms an input method's composition is not a line.
      if (boot.taken || e.isComposing || e.keyCode === 229) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        boot.lines.push(input.value);
        echo(input.value, '');
        input.value = '';
      } else if (e.key === 'c' && e.ctrlKey && !e.shiftKey && !e.altKey) {
        e.preventDefault();
        echo(input.value, '^C');
        input.value = '';
      }
    });
    screen.addEventListener('click', function () {
      if (!boot.taken) input.focus();
    });
    input.focus();
    root.setAttribute('data-frame-ms', String(Math.round(performance.now())));
  }

  function exportSave() {
    var s = storage();
    var json = s && s.getItem(SAVE_KEY);
    if (!json) return false;
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    a.download = 'dockerlings-sandbox.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return true;
  }

  // Shows the crash dialog (once); `why` goes to the devtools console.
  function crash(why) {
    if (boot.crashed) return;
    boot.crashed = true;
    root.setAttribute('data-crashed', 'true');
    var dialog = document.getElementById('crash');
    if (!dialog) return;
    var s = storage();
    var exp = document.getElementById('crash-export');
    if (exp && !(s && s.getItem(SAVE_KEY))) exp.hidden = true;
    dialog.hidden = false;
    var reload = document.getElementById('crash-reload');
    if (reload) reload.focus();
    if (why && window.console) console.error('Dockerlings stopped:', why);
  }
  boot.crash = crash;

  function isTrap(err) {
    return (
      !!err &&
      ((typeof WebAssembly === 'object' && err instanceof WebAssembly.RuntimeError) ||
        /unreachable|memory access out of bounds|call stack/i.test(String(err.message || err)))
    );
  }
  window.addEventListener('error', function (e) {
    if (isTrap(e.error) || /RuntimeError/.test(e.message || '')) crash(e.error || e.message);
  });
  window.addEventListener('unhandledrejection', function (e) {
    // The loader's `await init(…)` failing: the wasm did not load at all.
    if (!boot.taken || isTrap(e.reason)) crash(e.reason);
  });

  document.addEventListener('click', function (e) {
    var id = e.target && e.target.id;
    if (id === 'crash-reload') location.reload();
    else if (id === 'crash-export') exportSave();
  });
})();
