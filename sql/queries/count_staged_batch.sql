select
    count(*) filter (where is_new) as n_new,
    count(*) filter (where not is_new) as n_duplicate
from staged_documents
