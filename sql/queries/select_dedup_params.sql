select shingle_words, num_perm, bands, max_bucket, seed, hash_version from dedup_params
