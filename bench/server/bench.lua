-- wrk script for the server benchmark: balance and statement requests for random accounts of
-- many users (each with its own bearer token), or the health check alone.
-- Arguments (after --): TOKENS-FILE FIRST-YEAR LAST-YEAR [mix|balance|statement|health]
--   mix: half balance, half one-year statements

local tokens = {}
local accounts = {}
local first_year, last_year
local balance_share = 0.5
local health = false

function init(args)
  for line in io.lines(args[1]) do
    local token, account = line:match("^(%x+) (%d+)$")
    if token then
      tokens[#tokens + 1] = token
      accounts[#accounts + 1] = account
    end
  end
  first_year = tonumber(args[2])
  last_year = tonumber(args[3])
  if args[4] == "balance" then
    balance_share = 1.0
  elseif args[4] == "statement" then
    balance_share = 0.0
  elseif args[4] == "health" then
    health = true
  end
  math.randomseed(os.time() + #tostring({}))
end

function request()
  if health then
    return wrk.format("GET", "/api/v1/health")
  end
  local i = math.random(#tokens)
  local year = math.random(first_year, last_year)
  local path
  if math.random() < balance_share then
    path = string.format("/api/v1/accounts/%s/balance?on=%04d-%02d-%02d",
                         accounts[i], year, math.random(12), math.random(28))
  else
    path = string.format("/api/v1/accounts/%s/statement?from=%04d-01-01&to=%04d-01-01",
                         accounts[i], year, year + 1)
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[i] })
end
