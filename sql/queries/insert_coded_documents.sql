insert into coded_documents by name
select * exclude (coding_error_detail) from batch_coded_documents
order by doc_id
