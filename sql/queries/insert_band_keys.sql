-- A band key keeps at most $max_bucket documents, the earliest by doc_seq. Text shared by
-- thousands of documents (boilerplate, templates) would otherwise make every later document a
-- candidate of every earlier one; a reprint family stays reachable through its first members.
insert into lsh_bands by name
with batch_key_counts as (
    select band_key, count(*) as n_batch
    from batch_bands
    group by band_key
),

-- band_matches pairs every batch document holding a key with every stored one, so a key has
-- n_batch x n_existing rows there: dividing is exact and cheaper than count(distinct old_seq).
existing as (
    select m.band_key, count(*) // any_value(c.n_batch) as n_existing
    from band_matches as m
    join batch_key_counts as c on c.band_key = m.band_key
    group by m.band_key
),

ranked as (
    select
        b.band_key,
        b.doc_seq,
        coalesce(e.n_existing, 0)
            + row_number() over (partition by b.band_key order by b.doc_seq) as bucket_rank
    from batch_bands as b
    left join existing as e on e.band_key = b.band_key
)

select band_key, doc_seq from ranked where bucket_rank <= $max_bucket
