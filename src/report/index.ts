// Public interface of the report stage (see ../../README.md, architecture).
export {};
