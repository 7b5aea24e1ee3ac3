"use strict";
// Public pages are one cached page for everyone: the "Edit" link is in each of them,
// hidden, and shown here when the admin has marked this browser as a staff member's.
(function () {
    const link = document.querySelector("[data-staff-cookie]");
    if (!link) {
        return;
    }
    const name = link.dataset.staffCookie + "=";
    const isStaff = document.cookie.split(";").some(function (cookie) {
        return cookie.trim().startsWith(name);
    });
    link.hidden = !isStaff;
})();
