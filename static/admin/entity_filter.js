"use strict";
// The article list's entity filter: choosing an entity shows the articles naming it;
// clearing the box shows them all again.
window.addEventListener("load", function () {
    django.jQuery("[data-entity-filter]").on("change", function () {
        const params = new URLSearchParams(window.location.search);
        if (this.value) {
            params.set("entity", this.value);
        } else {
            params.delete("entity");
        }
        params.delete("p");
        params.delete("e");
        window.location.search = params.toString();
    });
});
