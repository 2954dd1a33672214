// Progressive enhancement only: every page works without this file.
// 1. Copy buttons (hidden until this script shows them) put the invite link on the clipboard.
// 2. Escape closes the "New actions" menu and gives focus back to its button.
(function () {
  'use strict';
  document.querySelectorAll('button[data-copy-target]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy-target'));
    var status = document.getElementById(button.getAttribute('data-copy-status'));
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener('click', function () {
      var done = function () { if (status) { status.textContent = 'Link copied'; } };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          field.select();
          if (status) { status.textContent = 'Press Ctrl+C to copy the selected link'; }
        });
      } else {
        field.select();
        if (status) { status.textContent = 'Press Ctrl+C to copy the selected link'; }
      }
    });
  });
  document.querySelectorAll('details.new-actions').forEach(function (menu) {
    menu.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && menu.open) {
        menu.open = false;
        menu.querySelector('summary').focus();
      }
    });
  });
}());
