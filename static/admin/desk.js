"use strict";
// Never lose work, see it as readers will: the article form autosaves a draft copy every
// few seconds, offers it back on return, warns before leaving with unsaved changes, says
// at once when someone else saves the article, fills in the side picked on the conflict
// screen, and shows the unsaved text as readers would see it, side by side.
// The views it calls are in articles/admin/desk.py; without it the form is Django's own.

(function () {
    const PREVIEW_DELAY = 600;

    function formFields(form) {
        // What the form would post, files and the CSRF token aside.
        const data = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (typeof value === "string" && name !== "csrfmiddlewaretoken") {
                data.append(name, value);
            }
        });
        return data;
    }

    function withToken(form, data) {
        data.set("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
        return data;
    }

    function setField(form, name, value) {
        const field = form.elements[name];
        if (!field || field.type === "file") {
            return;
        }
        field.value = value;
        if (field.markdownEditor) {
            field.markdownEditor.value(value);
        }
        field.dispatchEvent(new Event("input", {bubbles: true}));
        field.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function post(url, body) {
        return fetch(url, {method: "POST", body: body, credentials: "same-origin"});
    }

    function start(desk) {
        const form = desk.closest("form");
        const status = desk.querySelector("[data-autosave-status]");
        const prompt = desk.querySelector("[data-draft]");
        const basedOn = form.elements.based_on_version;
        let saved = formFields(form).toString();
        let autosaved = saved;
        let submitting = false;
        // A form that came back with errors (a refused save) holds text not saved yet.
        const refused = document.querySelector(".errornote") !== null;
        desk.hidden = false;

        function isDirty() {
            return refused || formFields(form).toString() !== saved;
        }

        function autosave(beacon) {
            const fields = formFields(form);
            const text = fields.toString();
            if (prompt && !prompt.hidden || text === autosaved || submitting) {
                return;
            }
            const body = withToken(form, fields);
            if (beacon) {
                navigator.sendBeacon(desk.dataset.autosaveUrl, body);
                autosaved = text;
                return;
            }
            post(desk.dataset.autosaveUrl, body).then(function (response) {
                return response.ok ? response.json() : Promise.reject(response.status);
            }).then(function (answer) {
                autosaved = text;
                status.textContent = "Draft kept at " + answer.saved_at + " (not saved to the article yet)";
            }).catch(function () {
                status.textContent = "Could not keep a draft just now; your text is still here.";
            });
        }

        window.setInterval(autosave, Number(desk.dataset.autosaveEvery));
        document.addEventListener("visibilitychange", function () {
            if (document.visibilityState === "hidden") {
                autosave(true);
            }
        });
        window.addEventListener("pagehide", function () { autosave(true); });
        form.addEventListener("submit", function () { submitting = true; });
        window.addEventListener("beforeunload", function (event) {
            if (!submitting && isDirty()) {
                event.preventDefault();
                event.returnValue = "";
            }
        });

        if (prompt) {
            status.textContent = "Autosave waits until you restore or discard your earlier changes.";
            prompt.querySelector("[data-draft-restore]").addEventListener("click", function () {
                fetch(desk.dataset.autosaveUrl, {credentials: "same-origin"}).then(function (response) {
                    return response.ok ? response.json() : Promise.reject(response.status);
                }).then(function (draft) {
                    Object.keys(draft.fields).forEach(function (name) {
                        setField(form, name, draft.fields[name]);
                    });
                    if (basedOn) {
                        basedOn.value = draft.based_on_version;
                    }
                    prompt.hidden = true;
                    status.textContent = "Your changes from " + draft.saved_at + " are back. Save to keep them.";
                    form.elements.title.focus();
                    checkVersion();
                }).catch(function () {
                    status.textContent = "Your earlier changes could not be loaded.";
                });
            });
            prompt.querySelector("[data-draft-discard]").addEventListener("click", function () {
                post(desk.dataset.autosaveUrl, withToken(form, new URLSearchParams({discard: "1"})));
                prompt.hidden = true;
                status.textContent = "Earlier changes discarded.";
                form.elements.title.focus();
            });
        }

        // Someone else saves the article: say so at once, not only when this form saves.
        const notice = desk.querySelector("[data-version-notice]");
        function checkVersion() {
            if (!desk.dataset.versionUrl || !basedOn || document.visibilityState === "hidden") {
                return;
            }
            const url = desk.dataset.versionUrl + "?since=" + encodeURIComponent(basedOn.value);
            fetch(url, {credentials: "same-origin"}).then(function (response) {
                return response.ok ? response.json() : Promise.reject(response.status);
            }).then(function (answer) {
                if (String(answer.version) === basedOn.value) {
                    notice.replaceChildren();
                    return;
                }
                const who = answer.is_you ? "You (in another window)" : (answer.saved_by || "Someone else");
                const text = document.createElement("p");
                text.textContent = who + " saved this article at " + answer.saved_at
                    + " (version " + answer.version + ") while you were editing. Your text is "
                    + "still here; when you save, you will see their changes beside yours and "
                    + "choose, field by field. ";
                const link = document.createElement("a");
                link.href = window.location.pathname;
                link.target = "_blank";
                link.rel = "noopener";
                link.textContent = "Open their version in a new tab";
                text.append(link);
                notice.replaceChildren(text);
            }).catch(function () {});
        }
        window.setInterval(checkVersion, Number(desk.dataset.versionCheckEvery));
        document.addEventListener("visibilitychange", checkVersion);

        // The conflict screen: picking a side puts that text in the form below.
        document.querySelectorAll("[data-conflict-row]").forEach(function (row) {
            const field = document.getElementById(row.dataset.fieldId);
            if (!field || row.dataset.theirsValue === undefined) {
                return;
            }
            const mine = field.value;
            row.querySelectorAll("input[type=radio]").forEach(function (radio) {
                radio.addEventListener("change", function () {
                    setField(form, field.name, radio.value === "theirs" ? row.dataset.theirsValue : mine);
                });
            });
        });

        startPreview(form, desk);
    }

    function startPreview(form, desk) {
        const panel = document.getElementById("live-preview");
        const opener = desk.querySelector("[data-preview-open]");
        if (!panel || !opener) {
            return;
        }
        const frame = panel.querySelector("[data-preview-frame]");
        const stage = panel.querySelector(".live-preview__stage");
        let width = 1280;
        let timer = null;
        let shown = "";

        function fit() {
            const scale = Math.min(1, stage.clientWidth / width);
            frame.style.width = width + "px";
            frame.style.height = (stage.clientHeight / scale) + "px";
            frame.style.transform = "scale(" + scale + ")";
        }

        function refresh() {
            const fields = withToken(form, formFields(form));
            post(desk.dataset.previewUrl, fields).then(function (response) {
                return response.ok ? response.text() : Promise.reject(response.status);
            }).then(function (html) {
                if (html !== shown) {
                    shown = html;
                    frame.srcdoc = html;
                }
            }).catch(function () {});
        }

        function open() {
            panel.hidden = false;
            document.body.classList.add("desk-previewing");
            opener.setAttribute("aria-expanded", "true");
            fit();
            refresh();
            panel.querySelector("[data-preview-close]").focus();
        }

        function close() {
            panel.hidden = true;
            document.body.classList.remove("desk-previewing");
            opener.setAttribute("aria-expanded", "false");
            opener.focus();
        }

        opener.addEventListener("click", function () {
            if (panel.hidden) {
                open();
            } else {
                close();
            }
        });
        panel.querySelector("[data-preview-close]").addEventListener("click", close);
        panel.addEventListener("keydown", function (event) {
            if (event.key === "Escape") {
                close();
            }
        });
        panel.querySelectorAll("[data-preview-width]").forEach(function (button) {
            button.addEventListener("click", function () {
                width = Number(button.dataset.previewWidth);
                panel.querySelectorAll("[data-preview-width]").forEach(function (other) {
                    other.setAttribute("aria-pressed", String(other === button));
                });
                fit();
            });
        });
        window.addEventListener("resize", function () {
            if (!panel.hidden) {
                fit();
            }
        });
        form.addEventListener("input", function () {
            if (!panel.hidden) {
                window.clearTimeout(timer);
                timer = window.setTimeout(refresh, PREVIEW_DELAY);
            }
        });
    }

    // After every other script has set up its widgets: the form as loaded is the saved one.
    window.addEventListener("load", function () {
        const desk = document.getElementById("desk");
        if (desk && desk.closest("form")) {
            start(desk);
        }
    });
})();
