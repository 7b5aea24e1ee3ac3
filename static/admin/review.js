"use strict";
// Names in the text: each marked name opens its choices as a popover next to it.
// Without this script the choices stay listed under the text and work as plain forms.

// The admin's type-ahead boxes name themselves after their empty selection; name them
// after their label instead. A ready handler runs after the admin's own, which builds them.
django.jQuery(function () {
    document.querySelectorAll("label[data-names-box]").forEach(function (label) {
        const select = document.getElementById(label.htmlFor);
        const box = select && select.parentElement.querySelector(".select2-selection");
        if (box) {
            box.setAttribute("aria-labelledby", label.id);
            box.querySelector(".select2-selection__rendered").setAttribute("aria-labelledby", label.id);
        }
    });
});

window.addEventListener("load", function () {
    const panel = document.querySelector("[data-review]");
    if (!panel) {
        return;
    }
    panel.classList.add("has-popovers");
    let open = null;

    function close(returnFocus) {
        if (!open) {
            return;
        }
        const name = document.getElementById(open.dataset.choicesFor);
        open.hidden = true;
        name.setAttribute("aria-expanded", "false");
        open = null;
        if (returnFocus) {
            name.focus();
        }
    }

    function place(choices, name) {
        const box = name.getBoundingClientRect();
        const width = Math.min(choices.offsetWidth, window.innerWidth - 16);
        const left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8));
        choices.style.left = (left + window.scrollX) + "px";
        choices.style.top = (box.bottom + window.scrollY + 4) + "px";
    }

    function show(name) {
        const choices = document.getElementById(name.getAttribute("aria-controls"));
        close(false);
        choices.hidden = false;
        name.setAttribute("aria-expanded", "true");
        place(choices, name);
        open = choices;
        choices.querySelector("button").focus();
    }

    panel.querySelectorAll(".occurrence-choices").forEach(function (choices) {
        choices.hidden = true;
        document.body.appendChild(choices);
        // Tabbing past the last choice leaves the popover: it closes, as a menu would.
        choices.addEventListener("focusout", function (event) {
            const next = event.relatedTarget;
            if (open === choices && next && !choices.contains(next)
                    && !next.closest(".select2-container")) {
                close(false);
            }
        });
        const closer = choices.querySelector(".occurrence-close");
        closer.hidden = false;
        closer.addEventListener("click", function () { close(true); });
    });
    panel.querySelectorAll("button.occurrence").forEach(function (name) {
        name.addEventListener("click", function () {
            if (open && open.dataset.choicesFor === name.id) {
                close(true);
            } else {
                show(name);
            }
        });
    });
    // A phone turned sideways, a window resized: the popover stays by its name, on screen.
    window.addEventListener("resize", function () {
        if (open) {
            place(open, document.getElementById(open.dataset.choicesFor));
        }
    });
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && open) {
            close(true);
        }
    });
    document.addEventListener("click", function (event) {
        if (open && !open.contains(event.target) && !event.target.closest("button.occurrence")
                && !event.target.closest(".select2-container")) {
            close(false);
        }
    });
});
