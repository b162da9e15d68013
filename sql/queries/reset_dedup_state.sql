-- Forget every signature, band key and cluster; the next run rebuilds them from documents.
delete from lsh_bands;
delete from document_signatures;
delete from document_clusters;
delete from story_clusters;
delete from dedup_params;
