// Small progressive enhancements; every page works without this file.
"use strict";

function toggleRemoved(button) {
  const hidden = document.body.classList.toggle("hide-removed");
  button.textContent = hidden ? "Show removed text" : "Hide removed text";
}

document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("toggle-removed");
  if (button) {
    button.addEventListener("click", () => toggleRemoved(button));
  }
});
