// Keeps the CuratorFetchTests target buildable until its own tests land (added on the classic branch).
