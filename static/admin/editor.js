"use strict";
// The article form's writing aids: the Markdown editor over the body (EasyMDE), its word
// count and reading time, length counters on the headline, standfirst and alternative
// headline, and how the article shows in search results and on social networks.
// Without this script the body is the plain textarea and the form posts the same fields.

(function () {
    // Characters a search result or a card shows before cutting the text off.
    const LIMITS = {title: 70, seo_title: 60, dek: 160};
    const SEARCH_TITLE = 60;
    const SOCIAL_TEXT = 120;
    const WORDS_PER_MINUTE = 230;

    function wordCount(markdown) {
        const text = markdown.replace(/```[\s\S]*?```/g, " ")
            .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
            .replace(/\]\([^)]*\)/g, "]")
            .replace(/[#>*_`~\-[\]|]/g, " ");
        const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu);
        return words ? words.length : 0;
    }

    function readingTime(words) {
        return words === 0 ? "0 min read" : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) + " min read";
    }

    function cut(text, limit) {
        text = text.trim().replace(/\s+/g, " ");
        return text.length > limit ? text.slice(0, limit - 1).trimEnd() + "…" : text;
    }

    function startEditor(textarea) {
        const label = document.querySelector("label[for='" + textarea.id + "']");
        function tool(name, action, text, title) {
            return {name: name, action: action, text: text, title: title, className: "desk-tool"};
        }
        const editor = new EasyMDE({
            element: textarea,
            forceSync: true,
            autoDownloadFontAwesome: false,
            spellChecker: false,
            nativeSpellcheck: true,
            minHeight: "420px",
            // Entity links and the page's look come from the live preview, not from here.
            toolbar: [
                tool("heading-level-2", EasyMDE.toggleHeading2, "H2", "Heading"),
                tool("heading-level-3", EasyMDE.toggleHeading3, "H3", "Subheading"),
                "|",
                tool("bold", EasyMDE.toggleBold, "B", "Bold"),
                tool("italic", EasyMDE.toggleItalic, "I", "Italic"),
                "|",
                tool("unordered-list", EasyMDE.toggleUnorderedList, "• List", "Bulleted list"),
                tool("ordered-list", EasyMDE.toggleOrderedList, "1. List", "Numbered list"),
                tool("quote", EasyMDE.toggleBlockquote, "“ Quote", "Quote"),
                tool("link", EasyMDE.drawLink, "Link", "Link"),
            ],
            status: [
                {
                    className: "word-count",
                    defaultValue: function (el) { el.textContent = wordCount(textarea.value) + " words"; },
                    onUpdate: function (el) { el.textContent = wordCount(editor.value()) + " words"; },
                },
                {
                    className: "reading-time",
                    defaultValue: function (el) { el.textContent = readingTime(wordCount(textarea.value)); },
                    onUpdate: function (el) { el.textContent = readingTime(wordCount(editor.value())); },
                },
            ],
        });
        const codemirror = editor.codemirror;
        codemirror.setOption("screenReaderLabel", label ? label.textContent.replace(/:$/, "") : "Body");
        editor.gui.toolbar.setAttribute("role", "toolbar");
        editor.gui.toolbar.setAttribute("aria-label", "Formatting");
        editor.gui.statusbar.setAttribute("aria-live", "off");
        // Scripts that fill in the body (restoring an autosave, taking the other side of
        // a conflict) reach the editor through its textarea; edits tell the form.
        textarea.markdownEditor = editor;
        codemirror.on("change", function () {
            textarea.dispatchEvent(new Event("input", {bubbles: true}));
        });
    }

    function counter(input, limit) {
        const note = document.createElement("div");
        note.className = "help length-counter";
        note.id = input.id + "-length";
        (input.closest(".flex-container") || input).after(note);
        const described = input.getAttribute("aria-describedby");
        input.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
        function update() {
            const length = input.value.trim().length;
            const over = length - limit;
            note.textContent = length + " characters" + (over > 0
                ? ", " + over + " over the " + limit + " shown"
                : " of about " + limit + " shown");
            note.classList.toggle("is-over", over > 0);
        }
        input.addEventListener("input", update);
        update();
    }

    function element(tag, className, text) {
        const node = document.createElement(tag);
        node.className = className;
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    function snippets(form, desk) {
        const title = form.elements.title;
        const seoTitle = form.elements.seo_title;
        const dek = form.elements.dek;
        const slug = form.elements.slug;
        const row = document.querySelector(".form-row.field-seo_title") || (seoTitle && seoTitle.closest(".form-row"));
        if (!title || !dek || !row) {
            return;
        }
        const host = desk.dataset.siteUrl.replace(/^https?:\/\//, "").replace(/\/$/, "") || window.location.host;
        const box = element("div", "snippet-previews");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", "How the article shows elsewhere");

        const search = element("figure", "snippet snippet--search");
        search.append(element("figcaption", "snippet__caption", "In search results"));
        const searchUrl = element("p", "snippet__url");
        const searchTitle = element("p", "snippet__title");
        const searchText = element("p", "snippet__text");
        search.append(searchUrl, searchTitle, searchText);

        const social = element("figure", "snippet snippet--social");
        social.append(element("figcaption", "snippet__caption", "On social networks"));
        const image = document.querySelector(".field-lead_image_preview img");
        const picture = element("div", "snippet__image");
        if (image) {
            const copy = document.createElement("img");
            copy.src = image.src;
            copy.alt = "";
            picture.append(copy);
        } else {
            picture.textContent = "No lead image";
        }
        const socialHost = element("p", "snippet__host", host);
        const socialTitle = element("p", "snippet__title");
        const socialText = element("p", "snippet__text");
        social.append(picture, socialHost, socialTitle, socialText);
        box.append(search, social);
        row.after(box);

        function update() {
            const headline = (seoTitle && seoTitle.value.trim()) || title.value;
            const name = desk.dataset.siteName || host;
            searchUrl.textContent = host + " › articles › " + ((slug && slug.value) || "…");
            searchTitle.textContent = cut(headline, SEARCH_TITLE) + " · " + name;
            searchText.textContent = cut(dek.value, LIMITS.dek) || "Write a standfirst: search engines show it here.";
            socialTitle.textContent = cut(headline, LIMITS.title);
            socialText.textContent = cut(dek.value, SOCIAL_TEXT);
        }
        form.addEventListener("input", update);
        update();
    }

    window.addEventListener("DOMContentLoaded", function () {
        const textarea = document.querySelector("textarea[data-markdown-editor]");
        if (!textarea) {
            return;
        }
        if (window.EasyMDE) {
            startEditor(textarea);
        }
        const form = textarea.form;
        Object.keys(LIMITS).forEach(function (name) {
            if (form.elements[name]) {
                counter(form.elements[name], LIMITS[name]);
            }
        });
        const desk = document.getElementById("desk");
        if (desk) {
            snippets(form, desk);
        }
    });
})();
