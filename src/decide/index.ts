// Public interface of the decide stage (see ../../README.md, architecture).
export {};
