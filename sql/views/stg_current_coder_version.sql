-- stg_current_coder_version: which coder version the analyst views show. It is the one that
-- coded a document most recently (latest coded_documents.coded_at), so a corpus coded by an
-- old and a new coder is never counted twice.
-- Grain: one row (none before anything is coded). Inputs: coded_documents.
create or replace view stg_current_coder_version as
with coded_documents_source as (
    select * from coded_documents
),

latest as (
    select coder_version
    from coded_documents_source
    order by coded_at desc, coder_version desc
    limit 1
)

select * from latest
