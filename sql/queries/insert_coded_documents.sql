insert into coded_documents by name
select * from batch_coded_documents
order by doc_id
