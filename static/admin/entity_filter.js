"use strict";
// The article list's entity filter: choosing an entity shows the articles naming it.
window.addEventListener("load", function () {
    django.jQuery("[data-entity-filter]").on("change", function () {
        const params = new URLSearchParams(window.location.search);
        params.set("entity", this.value);
        params.delete("p");
        params.delete("e");
        window.location.search = params.toString();
    });
});
