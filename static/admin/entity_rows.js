"use strict";
// The article's entity panel: each saved row names its entity, and "Change" swaps in the
// admin's type-ahead box, copied from the panel's blank row, only for the row that needs it.
// Without this script (or without a blank row to copy) the saved entity stays as it is.
window.addEventListener("load", function () {
    document.querySelectorAll("[data-change-entity]").forEach(function (button) {
        const hidden = document.getElementById(button.dataset.changeEntity);
        const group = button.closest(".inline-group");
        const blank = group && group.querySelector("select.admin-autocomplete[name*='__prefix__']");
        if (!hidden || !blank) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            const box = blank.cloneNode(true);
            box.name = hidden.name;
            box.id = hidden.id;
            const name = button.parentElement.querySelector("[data-chosen-entity]");
            box.appendChild(new Option(name.textContent, hidden.value, true, true));
            hidden.replaceWith(box);
            name.remove();
            button.remove();
            django.jQuery(box).djangoAdminSelect2();
            django.jQuery(box).select2("open");
        });
    });
});
