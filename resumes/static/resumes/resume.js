// Resume upload: a chosen or dropped file uploads at once (one request per file), with a
// progress bar while it travels and is read. Without this file the form is a plain multipart
// POST, sent by its button, whose answer is the same page with the parsed draft.
(() => {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = form.querySelector("input[type=file]");
  const zone = form.querySelector(".drop-zone");
  const progress = form.querySelector(".upload-progress");
  const phase = form.querySelector(".upload-phase");
  const status = form.querySelector(".upload-status");
  const fileName = form.querySelector(".file-name");
  const maxBytes = Number(form.dataset.maxBytes);
  let uploading = false;

  // The styled picker and the upload-on-choose replace the native input and the submit button.
  form.classList.add("is-enhanced");

  function showDraft(html) {
    document.getElementById("draft").outerHTML = html;
    const draft = document.getElementById("draft");
    if (window.htmx) window.htmx.process(draft);
    // The draft's form edits the same fields: hide the other one meanwhile, as the server does.
    document.getElementById("details").hidden = Boolean(draft.querySelector("form"));
    draft.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function send(file) {
    if (!file || uploading) return;
    fileName.textContent = file.name;
    status.textContent = "";
    if (file.size > maxBytes) {
      status.textContent = form.dataset.tooLarge;
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
      phase.textContent = form.dataset.reading;
    });
    xhr.addEventListener("load", () => {
      // After a redirect (say, to the log-in page) the answer is not the draft.
      const answered = xhr.responseURL === new URL(form.action, window.location.href).href;
      if (answered && [200, 400, 413].includes(xhr.status)) showDraft(xhr.responseText);
      else status.textContent = form.dataset.failed;
    });
    xhr.addEventListener("error", () => { status.textContent = form.dataset.failed; });
    // loadend follows load, error and abort alike: the indicator never outlives the request.
    xhr.addEventListener("loadend", () => {
      uploading = false;
      form.classList.remove("is-uploading");
      phase.textContent = "";
    });
    uploading = true;
    progress.value = 0;
    phase.textContent = form.dataset.uploading;
    form.classList.add("is-uploading");
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
