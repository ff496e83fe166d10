// Keeps the CuratorLLMTests target buildable until its own tests land (added on the classic branch).
