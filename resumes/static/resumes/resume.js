// Resume upload: drag-and-drop and a progress bar. Without this file the form is a plain
// multipart POST whose answer is the same page with the parsed draft.
(() => {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = form.querySelector("input[type=file]");
  const zone = form.querySelector(".drop-zone");
  const progress = form.querySelector(".upload-progress");
  const status = form.querySelector(".upload-status");
  const button = form.querySelector("button[type=submit]");
  const maxBytes = Number(form.dataset.maxBytes);

  function showDraft(html) {
    document.getElementById("draft").outerHTML = html;
    const draft = document.getElementById("draft");
    if (window.htmx) window.htmx.process(draft);
    // The draft's form edits the same fields: hide the other one meanwhile, as the server does.
    document.getElementById("details").hidden = Boolean(draft.querySelector("form"));
    draft.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function finish(message) {
    progress.hidden = true;
    button.disabled = false;
    status.textContent = message;
  }

  function send(file) {
    if (!file) return;
    if (file.size > maxBytes) {
      finish(form.dataset.tooLarge);
      return;
    }
    const data = new FormData(form);
    data.set("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    // The view answers an htmx-style request with just the draft partial.
    xhr.setRequestHeader("HX-Request", "true");
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    xhr.upload.addEventListener("load", () => {
      progress.removeAttribute("value"); // indeterminate while the server reads the file
      status.textContent = form.dataset.reading;
    });
    xhr.addEventListener("load", () => {
      // After a redirect (say, to the log-in page) the answer is not the draft.
      const answered = xhr.responseURL === new URL(form.action, window.location.href).href;
      if (answered && [200, 400, 413].includes(xhr.status)) {
        finish("");
        showDraft(xhr.responseText);
      } else {
        finish(form.dataset.failed);
      }
    });
    xhr.addEventListener("error", () => finish(form.dataset.failed));
    progress.value = 0;
    progress.hidden = false;
    button.disabled = true;
    status.textContent = form.dataset.uploading;
    xhr.send(data);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(input.files[0]);
  });
  input.addEventListener("change", () => send(input.files[0]));

  for (const name of ["dragenter", "dragover"]) {
    zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("is-dragover");
    });
  }
  for (const name of ["dragleave", "drop"]) {
    zone.addEventListener(name, () => zone.classList.remove("is-dragover"));
  }
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) {
      input.files = event.dataTransfer.files;
      send(file);
    }
  });
})();
