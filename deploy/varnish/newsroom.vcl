#
# Varnish 7 in front of the Newsroom app (Debian's varnish and varnish-modules).
#
# Pages are cached until the app purges them by key: every public page names the keys
# of what it shows in its xkey header (NEWSROOM_EDGE_KEY_HEADERS=xkey), and every change
# sends `PURGE /` with the keys it touched in an xkey header (NEWSROOM_EDGE_PURGE_URL).
# A purge is soft: the pages it names are out of date at once, and the next reader of
# each starts a fetch of the new page in the background and is served the copy held
# (grace), as is everyone until the new page arrives, a few tenths of a second later. So
# an edit never makes readers wait, however popular the page. Grace also covers a page
# whose time ran out, and the app being down.
#
# deploy/render.sh fills in BACKEND_HOST, BACKEND_PORT and SERVER_NAME (one of the
# app's DJANGO_ALLOWED_HOSTS), as deploy/edge.sh and deploy/up.sh do before loading it.
#
vcl 4.1;

import std;
import xkey;

backend app {
    .host = "BACKEND_HOST";
    .port = "BACKEND_PORT";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        # Asked as nginx forwards a reader's request: for a host the app serves (any
        # other gets a 400) and over HTTPS (else production settings redirect it).
        .request =
            "GET /robots.txt HTTP/1.1"
            "Host: SERVER_NAME"
            "X-Forwarded-Proto: https"
            "Connection: close";
        # The probe waits in the app's queue behind the renderings an edit's purge
        # started, a few seconds at a busy moment. An app that busy is not down, and
        # taken for down, nothing would be fetched again until it answered probes once
        # more: readers would be served the pages the edit changed, as they were, all
        # that while. So it is given time, and taken for down only when fewer than two of
        # the last five probes (25 s) answered.
        .interval = 5s;
        .timeout = 5s;
        .window = 5;
        .threshold = 2;
    }
}

# Who may purge: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is for the app"));
        }
        if (!req.http.xkey) {
            return (synth(400, "Name the keys to purge in an xkey header"));
        }
        set req.http.X-Purged = xkey.softpurge(req.http.xkey);
        return (synth(200, "Purged " + req.http.X-Purged));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff and anyone signed in: the app answers, privately, every time.
    if (req.url ~ "^/admin" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Readers' other cookies (analytics, a CSRF token from a form) change nothing the
    # public pages show, so every reader shares one copy.
    unset req.http.Cookie;

    # Query strings: tracking parameters go, the rest in one order. The app keeps only
    # the parameters each page reads, so what is left differs only where pages differ.
    set req.url = regsuball(req.url, "(?<=[?&])(utm_[^=&]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid)(=[^&]*)?(&|$)", "");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);

    # One copy per encoding the app sends: brotli, gzip or none.
    if (req.http.Accept-Encoding ~ "\bbr\b") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    return (hash);
}

sub vcl_backend_response {
    # How long comes from the app (s-maxage: until midnight or the next scheduled
    # article at most; a purge ends it sooner). Past it, or with the app down, a copy is
    # served for up to an hour while a fresh one is fetched in the background.
    set beresp.grace = 1h;
    # An error, or a reader over a rate limit: never kept, and the copy held (if this is
    # a fetch in the background) stays served rather than the error.
    if (beresp.status >= 500 || beresp.status == 429) {
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # An address gone or moved (an article unpublished, a slug changed). Fetched in the
    # background after a purge, it replaces at once the copy readers were served meanwhile,
    # kept for a second; otherwise it is not kept, as an address not found now may be
    # published in a minute and no purge names it.
    if (beresp.status != 200) {
        if (bereq.is_bgfetch) {
            set beresp.ttl = 1s;
            set beresp.grace = 0s;
        } else {
            set beresp.ttl = 0s;
            set beresp.uncacheable = true;
        }
        return (deliver);
    }
}

sub vcl_deliver {
    # The keys are for this cache only.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
