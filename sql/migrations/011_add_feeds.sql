-- Feeds (issue 17): the registry of feeds polled by `ingest-feeds`, every entry seen, and every
-- fetch that failed, with a reason code. Feed articles become documents like files do; their
-- sightings are document_sources rows whose source is the article URL.

-- One row per feed URL.
create table feeds (
    url varchar not null,
    name varchar not null,                -- unique; `feeds remove` takes it or the URL
    every_seconds double not null,        -- poll interval
    etag varchar,                         -- validators of the last 200, for conditional GET
    last_modified varchar,
    last_status integer,                  -- HTTP status of the last poll; null: no response
    last_error varchar,                   -- reason code of the last failed poll
    consecutive_failures integer not null,
    next_due timestamp with time zone not null,  -- now + every * 2^failures after a failure
    last_polled_at timestamp with time zone,
    title varchar,                        -- the feed's own title, from its last parse
    added_at timestamp with time zone not null
);

-- One row per entry ever seen in a feed, keyed by (feed_url, guid); an entry whose canonical
-- URL is already here (from any feed) is recorded but its page not fetched again.
create table feed_entries (
    feed_url varchar not null,
    guid varchar not null,
    canonical_url varchar,
    entry_url varchar,
    title varchar,
    published_at timestamp with time zone,
    -- page: the article page's text; summary: the page failed (fetch_reason says why) and the
    -- feed's summary was kept; none: no text at all; known_url: fetched before under that URL.
    body_source varchar not null,
    fetch_reason varchar,                 -- why the page was not used, when it was not
    doc_id varchar,                       -- the document the entry became
    lang_hint varchar,                    -- the page's own language declaration
    first_seen_at timestamp with time zone not null,
    run_id varchar not null
);

-- Every fetch or parse that failed: the feed itself, an article page, or its robots.txt.
create table feed_fetch_failures (
    feed_url varchar not null,
    url varchar not null,                 -- what was fetched (the feed, or an entry's link)
    kind varchar not null,                -- feed | page
    -- http_<status>, timeout, too_large, refused_address, unsupported_scheme, bad_url, robots,
    -- parse_error, empty_extraction, redirect_loop, too_many_redirects, connect_error,
    -- network_error, bad_encoding, or a normalise quarantine reason (no_text, ...)
    reason varchar not null,
    detail varchar not null,
    http_status integer,
    seen_at timestamp with time zone not null,
    run_id varchar not null
);
