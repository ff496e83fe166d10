// Keeps the CuratorCLITests target buildable until its own tests land (added on the classic branch).
