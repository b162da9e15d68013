insert into dedup_params (
    shingle_words, num_perm, bands, max_bucket, seed, hash_version, created_at
)
values ($shingle_words, $num_perm, $bands, $max_bucket, $seed, $hash_version, current_timestamp)
