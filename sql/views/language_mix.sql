-- language_mix: documents per detected language, with their share and mean confidence.
-- Grain: language code. Inputs: documents.
create or replace view language_mix as
with documents_source as (
    select * from documents
)

select
    lang,
    count(*) as n_documents,
    round(count(*) / sum(count(*)) over (), 4) as share,
    round(avg(lang_prob), 4) as mean_lang_prob,
    sum(n_chars) as n_chars
from documents_source
group by lang
order by n_documents desc, lang
