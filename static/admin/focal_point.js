"use strict";
// The image library's focal point: clicking the preview puts the point where the click
// was, into the "across" and "down" fields (fractions of the width and height). Without
// this script the two fields are typed in.
window.addEventListener("load", function () {
    const picker = document.querySelector("[data-focal-picker]");
    const across = document.getElementById("id_focal_x");
    const down = document.getElementById("id_focal_y");
    if (!picker || !across || !down) {
        return;
    }
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-picker__marker");

    function show() {
        // Positions through the CSS object model, which the site's CSP allows.
        marker.style.left = (parseFloat(across.value) * 100) + "%";
        marker.style.top = (parseFloat(down.value) * 100) + "%";
        marker.hidden = false;
    }

    image.addEventListener("click", function (event) {
        const box = image.getBoundingClientRect();
        const clamp = function (value) {
            return Math.min(1, Math.max(0, value)).toFixed(3);
        };
        across.value = clamp((event.clientX - box.left) / box.width);
        down.value = clamp((event.clientY - box.top) / box.height);
        show();
    });
    across.addEventListener("input", show);
    down.addEventListener("input", show);
    picker.classList.add("focal-picker--active");
    show();
});
