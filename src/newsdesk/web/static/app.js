// The portal works without this file; it only adds a keyboard shortcut:
// "/" moves focus to the search box (as on many sites), unless typing already.
"use strict";
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  var target = event.target;
  var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  if (typing) return;
  var box = document.getElementById("q-top");
  if (box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});
