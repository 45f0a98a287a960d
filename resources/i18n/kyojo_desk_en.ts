<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="ja_JP">
    <context>
        <name>AidRequestsPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>共助の依頼</source>
            <translation>Aid requests</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>依頼した方をさがす</source>
            <translation>Find the person asking</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>依頼した方のお名前・ふりがな</source>
            <translation>Name or reading of the person asking</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>依頼した方</source>
            <translation>Person asking</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>依頼の種類</source>
            <translation>Kind of request</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>例：あした、来週の火曜、12/1</source>
            <translation>e.g. tomorrow, next Tuesday, 12/1</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>いつまでに</source>
            <translation>Needed by</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>くわしい内容</source>
            <translation>Details</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>例：病院への送迎、10時に家の前</source>
            <translation>e.g. a lift to the hospital, 10:00 at the front door</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>依頼を受け付ける</source>
            <translation>Take the request</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>受付中とマッチ済みの依頼</source>
            <translation>Open and matched requests</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>手伝うボランティア</source>
            <translation>Volunteer to help</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>この人とマッチ</source>
            <translation>Match with this person</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>完了</source>
            <translation>Completed</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>取り消し</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>手伝う人</source>
            <translation>Helper</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>{full_name}（{full_reading}）</source>
            <translation>{full_name} ({full_reading})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>{day}までに</source>
            <translation>by {day}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>期限なし</source>
            <translation>no deadline</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>【{value}】{value2}　{value3}　{when}　{details}</source>
            <translation>[{value}] {value2}  {value3}  {when}  {details}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>　→ {helper}</source>
            <translation>  → {helper}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>依頼を受け付けました。</source>
            <translation>Request taken.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>先に、一覧から依頼を選んでください。</source>
            <translation>First choose a request in the list.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>手伝う人を選んでください。</source>
            <translation>Choose who will help.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>マッチしました。</source>
            <translation>Matched.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>この依頼を「完了」にしますか。</source>
            <translation>Mark this request as done?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>この依頼を取り消しますか。</source>
            <translation>Cancel this request?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>完了にしました。</source>
            <translation>Marked as done.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/aid_requests_page.py" />
            <source>取り消しました。</source>
            <translation>Cancelled.</translation>
        </message>
    </context>
    <context>
        <name>AppFigureDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/app_figure_dialog.py" />
            <source>アプリでの共助の件数</source>
            <translation>Mutual aid through the city app</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/app_figure_dialog.py" />
            <source>yyyy年M月</source>
            <translation>MMMM yyyy</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/app_figure_dialog.py" />
            <source>月</source>
            <translation>Month</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/app_figure_dialog.py" />
            <source> 件</source>
            <translation> cases</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/app_figure_dialog.py" />
            <source>件数</source>
            <translation>Count</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/app_figure_dialog.py" />
            <source>例：アプリ管理画面の月報</source>
            <translation>e.g. the app's monthly admin report</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/app_figure_dialog.py" />
            <source>どこで見た数字か</source>
            <translation>Where the figure comes from</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/app_figure_dialog.py" />
            <source>保存する</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/app_figure_dialog.py" />
            <source>市の「子育て・生活共助コミュニティアプリ」を通して行われた共助の件数を、月ごとに入れます。同じ月をもう一度入れると、新しく入れた数字に置きかわります。</source>
            <translation>Enter, month by month, how many times mutual aid took place through the city's community app (子育て・生活共助コミュニティアプリ). Entering a month again replaces its figure with the new one.</translation>
        </message>
    </context>
    <context>
        <name>AuditPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/audit_page.py" />
            <source>操作の記録</source>
            <translation>Activity log</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/audit_page.py" />
            <source>記録を見る（コーディネーター）</source>
            <translation>View the log (coordinator)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/audit_page.py" />
            <source>住民の記録を開いた・書き出した・印刷した・まとめた・消去した記録です。</source>
            <translation>A record of who opened, exported, printed, merged or erased residents' records.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/audit_page.py" />
            <source>操作の記録を見る</source>
            <translation>View the activity log</translation>
        </message>
    </context>
    <context>
        <name>BarChart</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>この期間の相談はありません</source>
            <translation>No help sessions in this period</translation>
        </message>
    </context>
    <context>
        <name>CentrePage</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>センターの名前と電話番号</source>
            <translation>Centre name and phone number</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>会員カードに印刷されます。</source>
            <translation>Printed on the member cards.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>センターの名前</source>
            <translation>Centre name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>例：上野原市 コミュニティセンター</source>
            <translation>e.g. Uenohara City Community Centre</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>センターの電話番号</source>
            <translation>Centre phone number</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>例：0554-62-3111</source>
            <translation>e.g. 0554-62-3111</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>電話番号</source>
            <translation>Phone number</translation>
        </message>
    </context>
    <context>
        <name>ConflictsPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>同期の食い違い</source>
            <translation>Sync conflicts</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>食い違いの一覧</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>いまの値のままにする</source>
            <translation>Keep the current value</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>もう一方の値にする</source>
            <translation>Use the other value</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>2台の端末で同じところが別々に直されました。新しいほうの値が使われています。確かめて、正しいほうを選んでください。</source>
            <translation>The same field was changed differently on two desks. The newer value is in use. Check and choose the right one.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>送れなかった変更と受け取れなかった記録</source>
            <translation>Changes not sent and records not received</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>この記録をあきらめる</source>
            <translation>Give up this record</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>サーバーが受け付けなかった変更と、この端末で受け取れなかった記録です。送れなかった変更はこの端末に残っています。直して保存し直すか、あきらめてください。受け取れなかった記録は、この端末を新しい版に更新すると、次の同期で受け取ります。</source>
            <translation>Changes the server refused, and records this desk could not take in. A refused change is still on this desk: correct it and save again, or give it up. A record not taken in is taken in by the next sync once this desk is updated to a newer version.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>送れなかった変更・受け取れなかった記録が {value}件 あります。</source>
            <translation>{value} change(s) not sent or record(s) not received.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>送れなかった変更・受け取れなかった記録はありません。</source>
            <translation>No changes left unsent and no records left unreceived.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>確かめることが {value}件 あります。</source>
            <translation>{value} to check.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>食い違いはありません。</source>
            <translation>No conflicts.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>送れなかった記録の取り消し</source>
            <translation>Giving up a record that was not synced</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/conflicts_page.py" />
            <source>食い違いの解決</source>
            <translation>Resolving a conflict</translation>
        </message>
    </context>
    <context>
        <name>ConsentChangeDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>同意の項目を変える</source>
            <translation>Change consent</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>{full_name} さん</source>
            <translation>{full_name}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>何を変えますか</source>
            <translation>What changes?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>「{label}」をやめる（いまは同意あり）</source>
            <translation>Stop “{label}” (agreed now)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>「{label}」に同意する（いまは同意なし）</source>
            <translation>Agree to “{label}” (not agreed now)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>記録そのものを消すときは、「住民をさがす・登録」の「本人の権利」から「選んだ方の同意を撤回し、記録を消す」を選んでください。</source>
            <translation>To erase the record itself, use “Residents” → “Residents' rights” → “Withdraw consent and erase the chosen person's records”.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>同意の方法</source>
            <translation>How consent was given</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>例：山田 一郎</source>
            <translation>e.g. Ichiro Yamada</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>紙の同意書を確認した人</source>
            <translation>Who checked the paper consent form</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>確認した人</source>
            <translation>Checked by</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>変える</source>
            <translation>Change</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>{name} さんの記録を、市と共有するのをやめます。
次の同期で、名前・ふりがな・電話番号・生年月日・メモなど、この方の個人の情報が市のサーバーとほかの端末から消えます（市の人数の集計のため、地区などだけが残ります）。
この端末の記録はそのまま残ります。</source>
            <translation>{name}'s record will no longer be shared with the city.
At the next sync, their personal details (name, reading, phone, birth date, notes …) are removed from the city's server and the other desks (only the district and such stay, for the city's counts).
The record on this desk stays as it is.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>{name} さんの記録を、市と共有します。
次の同期で、名前・ふりがな・電話番号などが市のサーバーとほかの端末に送られます。</source>
            <translation>{name}'s record will be shared with the city.
At the next sync, their name, reading, phone and so on are sent to the city's server and the other desks.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>{name} さんの「{label}」をやめます。
この端末の記録はそのまま残ります。</source>
            <translation>{name} stops “{label}”.
The record on this desk stays as it is.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>{name} さんが「{label}」に同意したことを記録します。</source>
            <translation>Records that {name} agreed to “{label}”.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>確認した人：{witness}</source>
            <translation>Checked by: {witness}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>変更は記録（監査ログ）に残ります。よろしいですか。</source>
            <translation>The change is written in the audit log. Go ahead?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>変える項目を選んでください。</source>
            <translation>Choose what to change.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>紙の同意書を確認した人の名前を入力してください。</source>
            <translation>Enter the name of the person who checked the paper consent form.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>はい、やめます</source>
            <translation>Yes, stop it</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>はい、記録します</source>
            <translation>Yes, record it</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/consent_change_dialog.py" />
            <source>もどる</source>
            <translation>Go back</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>市のKPI</source>
            <translation>City KPIs</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>期間のはじめ</source>
            <translation>From</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>期間のおわり</source>
            <translation>To</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>yyyy年M月d日</source>
            <translation>d MMM yyyy</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>地区</source>
            <translation>District</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>すべての地区</source>
            <translation>All districts</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>今月</source>
            <translation>This month</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>今年度</source>
            <translation>This fiscal year</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>Excelで保存</source>
            <translation>Save as Excel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>CSVで保存</source>
            <translation>Save as CSV</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>アプリでの共助の件数を入れる</source>
            <translation>Enter the app's mutual-aid count</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>地区と年代ごとのスマホとアプリ</source>
            <translation>Smartphones and apps by district and age</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>登録している人がいません</source>
            <translation>Nobody registered</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>期間</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>〜</source>
            <translation>–</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>相談の内容（件）</source>
            <translation>Help topics (sessions)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>スマホとアプリ（地区・年代ごと）</source>
            <translation>Smartphones and apps (by district and age)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>スマホを持っていない人（年代ごと）</source>
            <translation>People without a smartphone (by age)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>KPIの数字</source>
            <translation>KPI figures</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>累計：計画の期間より前です</source>
            <translation>Cumulative: before the plan's period</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>累計 {value} / {target}（計画全体 {plan}）</source>
            <translation>Cumulative {value} / {target} (whole plan {plan})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>アプリでの共助の件数の入力</source>
            <translation>entering the app's mutual-aid count</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>KPIの書き出し</source>
            <translation>KPI export</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>KPIを保存する</source>
            <translation>Save the KPIs</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/dashboard_page.py" />
            <source>保存しました。
{path}</source>
            <translation>Saved.
{path}</translation>
        </message>
    </context>
    <context>
        <name>DemoPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>練習用のデータ</source>
            <translation>Demo data</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>練習用の住民（300人、架空の人）を入れる</source>
            <translation>Load demo residents (300 made-up people)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>操作の練習に使えます。練習用のデータが入っている間は、画面の上にそのことが表示されます。「練習用データを消す」ボタンで、いつでも全部消せます。</source>
            <translation>Use them to practise. While demo data is loaded, a notice shows at the top of the window. “Remove demo data” removes all of it at any time.</translation>
        </message>
    </context>
    <context>
        <name>DistrictsPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>地区の一覧</source>
            <translation>Districts</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>住民の登録で選ぶ地区です。あとで直すこともできます。</source>
            <translation>The districts to choose from when registering residents. You can change them later.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>番号</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>地区の名前</source>
            <translation>District name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>よみ</source>
            <translation>Reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>行を足す</source>
            <translation>Add a row</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>選んだ行を消す</source>
            <translation>Delete the chosen rows</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>どの行にも番号と地区の名前を入れてください（1行以上）。</source>
            <translation>Give every row a number and a district name (at least one row).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>同じ番号の地区があります。</source>
            <translation>Two districts have the same number.</translation>
        </message>
    </context>
    <context>
        <name>DuplicateDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/duplicate_dialog.py" />
            <source>同じ方が登録されていませんか</source>
            <translation>Is this person already registered?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/duplicate_dialog.py" />
            <source>この方を開く</source>
            <translation>Open this person</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/duplicate_dialog.py" />
            <source>別の人として登録する</source>
            <translation>Register as someone else</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/duplicate_dialog.py" />
            <source>もどる</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/duplicate_dialog.py" />
            <source>同じ方がすでに登録されているかもしれません</source>
            <translation>This person may already be registered</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/duplicate_dialog.py" />
            <source>ふりがなと生年月日、または電話番号が同じ方がいます。同じ方なら「この方を開く」を押してください。</source>
            <translation>Someone has the same reading and date of birth, or the same phone number. If it is the same person, press “Open this person”.</translation>
        </message>
    </context>
    <context>
        <name>EventDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>行事をつくる</source>
            <translation>Create event</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>例：ふれあいサロン</source>
            <translation>e.g. Fureai Salon</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>yyyy年M月d日</source>
            <translation>d MMM yyyy</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>最終日</source>
            <translation>Last day</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>例：上野原公民館</source>
            <translation>e.g. Uenohara Community Hall</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>定員なし</source>
            <translation>No limit</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source> 人</source>
            <translation> people</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>ボランティアが運営する</source>
            <translation>Run by volunteers</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>担い手活動として数える</source>
            <translation>Count as a volunteer-led activity</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>指定したところ</source>
            <translation>Designated by</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>市</source>
            <translation>City</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>中心になった人</source>
            <translation>Led by</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>（決めない）</source>
            <translation>(nobody named)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>つくる</source>
            <translation>Create</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>行事の名前</source>
            <translation>Event name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>種類</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>日にち</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>時間</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>場所</source>
            <translation>Place</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>主催</source>
            <translation>Organiser</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>定員</source>
            <translation>Capacity</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>〜</source>
            <translation>–</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/event_dialog.py" />
            <source>{name}（シェア・コンシェルジュ）</source>
            <translation>{name} (share concierge)</translation>
        </message>
    </context>
    <context>
        <name>FirstRunWizard</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>共助デスクをはじめる</source>
            <translation>Start Kyojo Desk</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>次へ</source>
            <translation>Next</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>もどる</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>完了</source>
            <translation>Completed</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>あとで</source>
            <translation>Later</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>{step}/{steps}　{title}</source>
            <translation>Step {step} of {steps}: {title}</translation>
        </message>
    </context>
    <context>
        <name>FollowUpsPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>フォローの予定</source>
            <translation>Follow-ups</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>今日まで・期限切れのフォロー</source>
            <translation>Follow-ups due today or overdue</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>終わった（フォロー済み）</source>
            <translation>Done (followed up)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>最新にする</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>「次回つづき」「専門の窓口へ」の方で、予定日が今日までの方です。</source>
            <translation>People marked “continue next time” or “refer to a specialist” whose date is today or earlier.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>！期限切れ</source>
            <translation>! Overdue</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>今日</source>
            <translation>Today</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>{mark}　{follow_up_due}　{name}　{value}（{value2}）</source>
            <translation>{mark}  {follow_up_due}  {name}  {value} ({value2})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>・</source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>電話 {phone}</source>
            <translation>Phone {phone}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>電話番号の登録がありません</source>
            <translation>No phone number registered</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>{value}件（うち期限切れ {overdue}件）</source>
            <translation>{value} (overdue: {overdue})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/follow_ups_page.py" />
            <source>今日までのフォローはありません。</source>
            <translation>No follow-ups due today.</translation>
        </message>
    </context>
    <context>
        <name>FurusatoDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>ふるさと住民の登録</source>
            <translation>Register a furusato resident</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>市の外にお住まいで、地域の活動に参加する方です。</source>
            <translation>Someone who lives outside the city and takes part in local activities.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>読み取ったコードも この方に結びつけます。</source>
            <translation> The scanned code is linked to this person too.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>記録を残すことに、ご本人が同意しました（口頭）</source>
            <translation>The person agreed (aloud) to their record being kept</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>18歳未満の方</source>
            <translation>Under 18</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>保護者の名前</source>
            <translation>Guardian's name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>保護者が同意しました</source>
            <translation>The guardian consented</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>登録して受付する</source>
            <translation>Register and check in</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>記録を残すことへの同意を確かめて、チェックしてください。</source>
            <translation>Confirm consent to keeping the record and tick it.</translation>
        </message>
    </context>
    <context>
        <name>HelpLogPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>相談の記録</source>
            <translation>Help sessions</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>相談の記録の入力</source>
            <translation>Help session entry</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>受付の人をかえる</source>
            <translation>Change volunteer</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>相談した方のお名前・ふりがな</source>
            <translation>Name or reading of the person helped</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>相談した方をさがす</source>
            <translation>Find the person helped</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>さがした結果</source>
            <translation>Search results</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>（まだ選んでいません）</source>
            <translation>(nobody chosen yet)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>名前を聞かずに記録する（匿名）</source>
            <translation>Anonymous (no name asked)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>この方のこれまで</source>
            <translation>Their history</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>今日の相談</source>
            <translation>Today's sessions</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>① 相談した方</source>
            <translation>① Person helped</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>{m}分</source>
            <translation>{m} min</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>yyyy年M月d日</source>
            <translation>d MMM yyyy</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>次の予定日</source>
            <translation>Next date</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>メモ</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>メモ（なくてもかまいません）</source>
            <translation>Note (optional)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>② 相談の内容（いくつでも）</source>
            <translation>② What it was about (any number)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>③ 機種</source>
            <translation>③ Device</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>④ かかった時間</source>
            <translation>④ Time taken</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>⑤ 結果</source>
            <translation>⑤ Outcome</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>記録する</source>
            <translation>Record</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>・</source>
            <translation> / </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>{time}　{name}
　{topics}（{value}）</source>
            <translation>{time}  {name}
  {topics} ({value})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>受付：{name} さん</source>
            <translation>At the desk: {name}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>受付：（まだ選ばれていません）</source>
            <translation>At the desk: (nobody chosen yet)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>受付の人</source>
            <translation>At the desk</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>ボランティアがまだ登録されていません。「ボランティア」のページで登録してください。</source>
            <translation>No volunteers are registered yet. Register them on the “Volunteers” page.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>{full_name}（{full_reading}）{birth_wareki}</source>
            <translation>{full_name} ({full_reading}) {birth_wareki}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>選んだ方：{full_name}（{full_reading}）</source>
            <translation>Chosen: {full_name} ({full_reading})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>匿名で記録します</source>
            <translation>Recorded anonymously</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>相談した方を選ぶか、「匿名」にチェックを入れてください。</source>
            <translation>Choose the person helped, or tick “anonymous”.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>受付をしている人を選んでください。</source>
            <translation>Choose who is at the desk.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>匿名の方</source>
            <translation>anonymous</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/help_log_page.py" />
            <source>記録しました（{time}　{who}）</source>
            <translation>Recorded ({time}, {who})</translation>
        </message>
    </context>
    <context>
        <name>LinkCodeDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>コードを結びつける</source>
            <translation>Link a code</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>はじめて見るコードです</source>
            <translation>A code seen for the first time</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>コード：{code}</source>
            <translation>Code: {code}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>この方のお名前をさがして結びつけると、次からはこのコードで受付できます。見つからないときは、ふるさと住民として登録します。</source>
            <translation>Find the person by name and link the code: from then on it checks them in. If they are not found, register them as a furusato resident.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>名前・ふりがなでさがす</source>
            <translation>Search by name or reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>名前でさがす</source>
            <translation>Search by name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>見つかった方</source>
            <translation>People found</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>この方に結びつけて受付</source>
            <translation>Link to this person and check in</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>ふるさと住民として登録</source>
            <translation>Register as a furusato resident</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>{name}（{reading}）</source>
            <translation>{name} ({reading})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/link_code_dialog.py" />
            <source>お名前をさがして、一覧から選んでください。</source>
            <translation>Search for the name and choose from the list.</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <location filename="../../kyojo_desk/gui/idle_lock.py" />
            <source>受付をする人の名前</source>
            <translation>Name of the person at the desk</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/idle_lock.py" />
            <source>例：山田</source>
            <translation>e.g. Yamada</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/idle_lock.py" />
            <source>受付をはじめる</source>
            <translation>Start checking in</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/idle_lock.py" />
            <source>しばらく操作がなかったので、画面を隠しました</source>
            <translation>The screen was hidden because nobody used it for a while</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/idle_lock.py" />
            <source>受付をする方のお名前を入れてください。</source>
            <translation>Please enter the name of the person at the desk.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/idle_lock.py" />
            <source>お名前を入れてください。</source>
            <translation>Please enter a name.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>共助デスク</source>
            <translation>Kyojo Desk</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>ページの切りかえ</source>
            <translation>Switch page</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>練習用データが入っています（架空の住民です）</source>
            <translation>Demo data is loaded (made-up residents)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>練習用データを消す</source>
            <translation>Remove demo data</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>練習用の住民をすべて消します。よろしいですか。</source>
            <translation>Remove all demo residents. Are you sure?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>設定</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>文字の大きさ・見やすさ…</source>
            <translation>Text size and display…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>名簿の取り込み中です</source>
            <translation>A roster is being imported</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>名簿の取り込みが終わっていません。
取り込みをやめると、この名簿からは だれも登録されません。
終わるまで待つと、終わってから画面を閉じます。</source>
            <translation>The roster import has not finished.
If you cancel it, nobody from this roster is registered.
If you wait, the window closes when it has finished.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>取り込みをやめる</source>
            <translation>Cancel the import</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>終わるまで待つ</source>
            <translation>Wait until it finishes</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>取り込みをやめています。終わったら閉じます。</source>
            <translation>Cancelling the import. The window closes when it has stopped.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>取り込みが終わったら閉じます。</source>
            <translation>The window closes when the import has finished.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>保存していない入力</source>
            <translation>Unsaved input</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>次のページに、まだ保存していない入力があります：{pages}
閉じると、入力した内容は消えます。</source>
            <translation>These pages have input that is not saved yet: {pages}
If you close, what was typed is lost.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>消して閉じる</source>
            <translation>Discard and close</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/main_window.py" />
            <source>入力にもどる</source>
            <translation>Back to the form</translation>
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <source>同じ人の記録をまとめる</source>
            <translation>Merge records of the same person</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <source>こちらを残す</source>
            <translation>Keep this one</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <source>まとめる</source>
            <translation>Merge</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <source>残す記録に、もう一方にだけある情報（電話・生年月日など）と参加や相談の記録が移ります。もう一方は「まとめ済み」になり、一覧に出なくなります。</source>
            <translation>Information only the other record has (phone, date of birth, …) and its attendance and help records move to the one kept. The other is marked “merged” and no longer listed.</translation>
        </message>
    </context>
    <context>
        <name>NinaitePage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>担い手活動</source>
            <translation>Local roles</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>年度（4月から翌年3月まで）</source>
            <translation>Fiscal year (April to March)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>市への一覧（CSV）</source>
            <translation>List for the city (CSV)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>年度</source>
            <translation>Fiscal year</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>名前でさがす</source>
            <translation>Search by name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>名前・ふりがなでさがす</source>
            <translation>Search by name or reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>この年度に活動した方</source>
            <translation>People active this fiscal year</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>一覧から方を選ぶと、その方の年度の活動が出ます。</source>
            <translation>Choose a person from the list to see their year.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>数えた活動</source>
            <translation>Counted activities</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>記録を印刷（PDF）</source>
            <translation>Print the record (PDF)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>達成</source>
            <translation>met</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>あと{n}回</source>
            <translation>{n} more</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>{name}（{reading}）　{count}回　{mark}</source>
            <translation>{name} ({reading})  count {count}  {mark}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>{year}年度に担い手活動をした方：{count}人</source>
            <translation>People active in FY {year}: {count}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>{name}（{reading}）</source>
            <translation>{name} ({reading})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>見つかった方：{count}人</source>
            <translation>Found: {count}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>「年{n}回以上」を満たしています</source>
            <translation>meets “{n} times a year”</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>「年{n}回以上」まで あと{left}回</source>
            <translation>{left} more to reach “{n} times a year”</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>{year}年度の活動の回数：{count}回　{verdict}</source>
            <translation>FY {year}: count {count}  {verdict}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>活動した日数：{days}日　参加した活動：{activities}</source>
            <translation>Activity days: {days}  Activities: {activities}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>滞在日数：{days}日{long}</source>
            <translation>Days of stay: {days}{long}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>（長期滞在）</source>
            <translation> (long stay)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>お住まい：{place}</source>
            <translation>Lives in: {place}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>結びついたコード：{n}件</source>
            <translation>Linked codes: {n}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>{day}　{title}（指定：{by}）</source>
            <translation>{day}  {title} (designated by {by})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>この年度の担い手活動はまだありません。</source>
            <translation>No community activities in this fiscal year yet.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>作っています…</source>
            <translation>Making it…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>PDFで保存</source>
            <translation>Save as PDF</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>保存しました：{path}</source>
            <translation>Saved: {path}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>担い手活動の一覧を書き出す</source>
            <translation>exporting the list of community activities</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>CSVで保存</source>
            <translation>Save as CSV</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>担い手活動_{year}年度.csv</source>
            <translation>community_activities_FY{year}.csv</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/ninaite_page.py" />
            <source>{count}人を書き出しました：{path}</source>
            <translation>Wrote {count} people: {path}</translation>
        </message>
    </context>
    <context>
        <name>OrganisationsPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>協力団体</source>
            <translation>Partners</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>市が担い手活動として認める活動を行う団体です。行事を作るときに、どの団体が指定した活動かを選べます。</source>
            <translation>Groups whose activities the city counts as community activities. When creating an event you can choose which group designated it.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>協力団体の一覧</source>
            <translation>Partner groups</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>団体の名前</source>
            <translation>Group name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>団体の名前（例：上野原東自治会）</source>
            <translation>Group name (e.g. Uenohara East residents' association)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>団体の種類</source>
            <translation>Kind of group</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>連絡先</source>
            <translation>Contact</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>連絡先（任意）</source>
            <translation>Contact (optional)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>団体を登録</source>
            <translation>Add group</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>　連絡先：{contact}</source>
            <translation>  Contact: {contact}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/organisations_page.py" />
            <source>{name}（{kind}）{contact}</source>
            <translation>{name} ({kind}){contact}</translation>
        </message>
    </context>
    <context>
        <name>PinDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/pin_dialog.py" />
            <source>コーディネーターのPIN</source>
            <translation>Coordinator PIN</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/pin_dialog.py" />
            <source>PIN（もう一度）</source>
            <translation>PIN (again)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/pin_dialog.py" />
            <source>決定</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/pin_dialog.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/pin_dialog.py" />
            <source>PINを決めてください</source>
            <translation>Choose a PIN</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/pin_dialog.py" />
            <source>PINを入れてください</source>
            <translation>Enter the PIN</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/pin_dialog.py" />
            <source>PIN（4〜8けたの数字）</source>
            <translation>PIN (4–8 digits)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/pin_dialog.py" />
            <source>もう一度</source>
            <translation>Again</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/pin_dialog.py" />
            <source>2回の入力が同じではありません。</source>
            <translation>The two entries are not the same.</translation>
        </message>
    </context>
    <context>
        <name>PinPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>コーディネーターのPIN</source>
            <translation>Coordinator PIN</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>名簿の書き出しや記録のまとめなど、大事な操作の前に聞かれます。</source>
            <translation>Asked before important actions such as exporting the roster or merging records.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>PIN（もう一度）</source>
            <translation>PIN (again)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>PIN（4〜8けたの数字）</source>
            <translation>PIN (4–8 digits)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>もう一度</source>
            <translation>Again</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>PINは4〜8けたの数字にしてください。</source>
            <translation>The PIN must be 4 to 8 digits.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>2回の入力が同じではありません。</source>
            <translation>The two entries are not the same.</translation>
        </message>
    </context>
    <context>
        <name>PrintPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>印刷</source>
            <translation>Print</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>カードを作る方</source>
            <translation>Cards for</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>この7日に登録した方</source>
            <translation>Registered in the last 7 days</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>この30日に登録した方</source>
            <translation>Registered in the last 30 days</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>登録されている全員</source>
            <translation>Everyone registered</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>イベント</source>
            <translation>Event</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>受付表の日</source>
            <translation>Day of the sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>飛び入り用の空欄の数</source>
            <translation>Blank rows for walk-ins</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>yyyy年M月</source>
            <translation>MMMM yyyy</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>報告する月</source>
            <translation>Month to report</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>年度</source>
            <translation> fiscal year</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>報告する年度</source>
            <translation>Fiscal year to report</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>冊子</source>
            <translation>Booklet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>ふりがなをつける</source>
            <translation>Add furigana</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>A4に2ページずつ</source>
            <translation>2 pages per A4 sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>両面印刷して、二つ折りにします。</source>
            <translation>Print on both sides, then fold in half.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>作る</source>
            <translation>Make</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>印刷の見本</source>
            <translation>Print preview</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>見本のページ</source>
            <translation>Preview page</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>前のページ</source>
            <translation>Previous</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>次のページ</source>
            <translation>Next</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>印刷する</source>
            <translation>Print</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>PDFで保存</source>
            <translation>Save as PDF</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>紙の受付表を読み取る</source>
            <translation>Read scanned sign-in sheets</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>何を印刷しますか</source>
            <translation>What to print</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>空欄</source>
            <translation>Blank rows</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>行</source>
            <translation>rows</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>会員カード：</source>
            <translation>Member cards:</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>受付表のイベント：</source>
            <translation>Sign-in sheet for:</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>月次報告の月：</source>
            <translation>Monthly report for:</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>年度報告の年度：</source>
            <translation>Fiscal year of the yearly report:</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>冊子：</source>
            <translation>Booklet:</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>{value}　{title}</source>
            <translation>{value}  {title}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>{number}日目（{day}）</source>
            <translation>Day {number} ({day})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>読み取った受付表を保存しました：新しく {new}人、受付済みだった方 {already}人。</source>
            <translation>Scanned sheets saved: {new} newly checked in, {already} already checked in.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>受付表</source>
            <translation>Sign-in sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>イベントがありません。「受付」のページでイベントを作ってください。</source>
            <translation>There are no events. Create one on the “Check-in” page.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>冊子の原稿（printables フォルダ）がありません。</source>
            <translation>The booklet texts (printables folder) are missing.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>作っています…</source>
            <translation>Making…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>できました（{value}ページ）。見本をたしかめてください。</source>
            <translation>Done ({value} pages). Please check the preview.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>{value} / {value2} ページ</source>
            <translation>Page {value} of {value2}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>保存しました：{path}</source>
            <translation>Saved: {path}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>プリンターに送りました。</source>
            <translation>Sent to the printer.</translation>
        </message>
    </context>
    <context>
        <name>ReceptionPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>受付</source>
            <translation>Check-in</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>受付する行事</source>
            <translation>Event to check in</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>新しい行事</source>
            <translation>New event</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>行事をつくります（名前・日時・場所・定員）</source>
            <translation>Create an event (name, date and time, place, capacity)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>紙の受付表を入力</source>
            <translation>Enter a paper sign-in sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>紙の受付表を読み取る</source>
            <translation>Read scanned sign-in sheets</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>カードの読み取り</source>
            <translation>Card reader</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>ここでカードを読み取ります</source>
            <translation>Scan the card here</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>カメラで読む</source>
            <translation>Read with camera</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>受付</source>
            <comment>how many are checked in</comment>
            <translation>Checked in</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>はじめて</source>
            <translation>First time</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>2回目から</source>
            <translation>Returning</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>名前なし</source>
            <translation>No name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>残りの席</source>
            <translation>Seats left</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>ひとつ前の受付を取り消す</source>
            <translation>Undo the last check-in</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>カードのない方をさがす</source>
            <translation>Find people without a card</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>お名前・ふりがな</source>
            <translation>Name or reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>さがした結果</source>
            <translation>Search results</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>カードを忘れた方は、ここに お名前を入れてください。</source>
            <translation>If someone forgot their card, type their name here.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>この方を受付する</source>
            <translation>Check in this person</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>その場で登録して受付</source>
            <translation>Register and check in now</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>はじめての方を、お名前と ふりがな だけで登録します</source>
            <translation>Registers a first-time visitor with just name and reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>名前を残さない方を数える（年代）</source>
            <translation>Count people who leave no name (age group)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>名前なしで数える {value}</source>
            <translation>Count without a name: {value}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>行事</source>
            <translation>Event</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>カード</source>
            <translation>Card</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>カードのない方</source>
            <translation>No card</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>受付の画面</source>
            <translation>Check-in screen</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>今日</source>
            <translation>Today</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{when} {time_range}　{title}（{kind_label}）</source>
            <translation>{when} {time_range}  {title} ({kind_label})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>行事がありません。「新しい行事」からつくれます</source>
            <translation>No events. Make one with “New event”</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>受付する行事を選ぶか、つくってください。</source>
            <translation>Choose or create the event to check in.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{today}（{number}日目／全{total}日）</source>
            <translation>{today} (day {number} of {total})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>定員{capacity}人</source>
            <translation>{capacity} seats</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>ボランティア運営</source>
            <translation>Volunteer-run</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>　</source>
            <translation> </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{checked_in}人</source>
            <translation>{checked_in}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{first_time}人</source>
            <translation>{first_time}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{returning}人</source>
            <translation>{returning}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{anonymous}人</source>
            <translation>{anonymous}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{left}席</source>
            <translation>{left}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>カードをかざしてください</source>
            <translation>Please show the card</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>読み取ると、ここに お名前が出ます。</source>
            <translation>The name appears here when the card is read.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>はじめての参加です。ようこそ！</source>
            <translation>First time here. Welcome!</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>また来てくださいました。</source>
            <translation>Welcome back.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>2回目は数えていません。</source>
            <translation>Not counted twice.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>もう一度読み取るか、右の欄でお名前をさがしてください。</source>
            <translation>Scan again, or find the name on the right.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>先に行事を選んでください</source>
            <translation>Choose an event first</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>上の「行事」から選びます。</source>
            <translation>Choose from “Event” above.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{full_name}（{full_reading}）</source>
            <translation>{full_name} ({full_reading})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>
　{birth_wareki}生まれ</source>
            <translation>
  born {birth_wareki}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>✔ 受付済み　{text}</source>
            <translation>✔ Checked in  {text}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{value}人 見つかりました。選んで受付します。</source>
            <translation>{value} found. Choose one to check in.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>見つかりません。はじめての方は「その場で登録して受付」へ。</source>
            <translation>Not found. For a first-time visitor, use “Register and check in now”.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>登録済みの方かもしれません</source>
            <translation>This person may already be registered</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{full_name}（{full_reading}）さんが もう登録されています。
別の方として登録しますか。</source>
            <translation>{full_name} ({full_reading}) is already registered.
Register as a different person?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>別の人として登録する</source>
            <translation>Register as someone else</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>{full_name}（{full_reading}）さんが もう登録されています。
この方として受付しますか。</source>
            <translation>{full_name} ({full_reading}) is already registered.
Check in as this person?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>この方として受付する</source>
            <translation>Check in as this person</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>名前なしで1人 数えました（{label}）</source>
            <translation>Counted 1 person without a name ({label})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>数から1人 減らしました。</source>
            <translation>Took 1 off the count.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>読み取った受付表を保存しました</source>
            <translation>Scanned sheets saved</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>新しく {new}人、受付済みだった方 {already}人。</source>
            <translation>{new} newly checked in, {already} already checked in.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>その場で参加した方 {value}人は、あとで登録を仕上げてください。</source>
            <translation>Please complete the registration of the {value} walk-in(s) later.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>紙の受付表を保存しました</source>
            <translation>Paper sign-in sheet saved</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/reception_page.py" />
            <source>カメラが使えません</source>
            <translation>The camera cannot be used</translation>
        </message>
    </context>
    <context>
        <name>ResidentDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>住民の登録</source>
            <translation>Register a resident</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>住民の情報を直す</source>
            <translation>Edit resident details</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>地区</source>
            <translation>District</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>（選んでください）</source>
            <translation>(please choose)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>区分</source>
            <translation>Category</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>必要な配慮</source>
            <translation>Support needs</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>スマートフォン</source>
            <translation>Smartphone</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>メモ</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>登録する</source>
            <translation>Register</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>保存する</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>同意</source>
            <translation>Consent</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>同意の項目を変える…</source>
            <translation>Change consent…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>市と共有するなどの同意を加える・やめる（コーディネーター用）</source>
            <translation>Add or stop a consent such as sharing with the city (coordinator)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>市と共有：している（同意あり）</source>
            <translation>Shared with the city: yes (consent given)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>市と共有：していない（同意なし）</source>
            <translation>Shared with the city: no (no consent)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>同意している項目：{labels}</source>
            <translation>Agreed to: {labels}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>同意の記録がありません。</source>
            <translation>No consent recorded.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>同意（紙の同意書を確認してください）</source>
            <translation>Consent (check the signed paper form)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>同意の方法</source>
            <translation>How given</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>同意を確認した人</source>
            <translation>Consent checked by</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>確認した人</source>
            <translation>Checked by</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>同意書 {CURRENT_CONSENT_VERSION} 版</source>
            <translation>Version {CURRENT_CONSENT_VERSION}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>同意書の版</source>
            <translation>Form version</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>赤い字のところを直してください。</source>
            <translation>Please correct the fields in red.</translation>
        </message>
    </context>
    <context>
        <name>ResidentHistoryDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>{full_name} さんのこれまで</source>
            <translation>History of {full_name}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>相談の記録</source>
            <translation>Help sessions</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>{value}　{value2}　{value3}</source>
            <translation>{value}  {value2}  {value3}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>　{notes}</source>
            <translation>  {notes}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>参加したイベント</source>
            <translation>Events attended</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>{value}　{value2}</source>
            <translation>{value}  {value2}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>{label}：ひとりでできる</source>
            <translation>{label}: can do it alone</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>（{since}から）</source>
            <translation> (since {since})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>閉じる</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>{full_name}（{full_reading}）さんのこれまで</source>
            <translation>History of {full_name} ({full_reading})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>相談 {value}回</source>
            <translation>Help sessions: {value}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>イベント {value}回</source>
            <translation>Events: {value}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_history_dialog.py" />
            <source>デジタルの力（ひとりでできること）</source>
            <translation>Digital skills (can do alone)</translation>
        </message>
    </context>
    <context>
        <name>ResidentTableModel</name>
        <message>
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <source>（要追記）</source>
            <translation>(to complete)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <source>{age}歳</source>
            <translation>{age}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <source>共有する</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <source>しない</source>
            <translation>No</translation>
        </message>
    </context>
    <context>
        <name>ResidentsPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>住民をさがす・登録</source>
            <translation>Residents</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>お名前・ふりがな・電話番号の下4けた</source>
            <translation>Name, reading or last 4 digits of phone</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>住民をさがす</source>
            <translation>Find residents</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>さがした結果</source>
            <translation>Search results</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>新しく登録する</source>
            <translation>Register new</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>開く・直す</source>
            <translation>Open / edit</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>同じ人をまとめる</source>
            <translation>Merge duplicates</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>2人を選んで押してください（コーディネーター用）</source>
            <translation>Choose 2 people, then press (coordinator)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿（CSV）</source>
            <translation>Roster (CSV)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿の取り込みと書き出し</source>
            <translation>Import and export the roster</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>Excelの名簿を取り込む…</source>
            <translation>Import a roster from Excel…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿を書き出す…</source>
            <translation>Export the roster…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>本人の権利</source>
            <translation>Residents' rights</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>開示・同意の撤回・保存期間の見直し</source>
            <translation>Disclosure, consent withdrawal, retention review</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>選んだ方の記録を開示する（PDF・CSV）…</source>
            <translation>Disclose the chosen person's records (PDF, CSV)…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>選んだ方の同意を撤回し、記録を消す…</source>
            <translation>Withdraw consent and erase the chosen person's records…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>長く利用のない方を見る…</source>
            <translation>Show people inactive for a long time…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>さがす</source>
            <translation>Search</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>登録されている方：{n}人　（さがすと一覧に出ます）</source>
            <translation>Registered: {n} people (search to list them)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>{value}人 見つかりました</source>
            <translation>{value} found</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>見つかりません。ふりがなでも さがせます。</source>
            <translation>Not found. You can also search by reading.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>　</source>
            <translation> </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>同意の項目を変える</source>
            <translation>Change consent</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>一覧で2人を選んでから押してください（Ctrlキーを押しながらクリック）。</source>
            <translation>Choose 2 people in the list first (Ctrl+click).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>確認</source>
            <translation>Confirm</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>2つの記録を1つにまとめます。よろしいですか。</source>
            <translation>Merge the 2 records into one. Are you sure?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>まとめる</source>
            <translation>Merge</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿の取り込み</source>
            <translation>Roster import</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>取り込む名簿（CSV）を選ぶ</source>
            <translation>Choose the roster (CSV) to import</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿ファイル (*.csv *.txt);;すべて (*)</source>
            <translation>Roster files (*.csv *.txt);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>_取り込めなかった行.csv</source>
            <translation>_rows-not-imported.csv</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>取り込める方：{imported}人
取り込めない行：{rejected_count}行</source>
            <translation>Can import: {imported} people
Cannot import: {rejected_count} rows</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>

Excelが変えていた所を直して読んだ行：{count}行</source>
            <translation>

Rows read after undoing Excel's changes: {count}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>{row_number}行目：{reason}</source>
            <translation>Row {row_number}: {reason}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>
…ほか{value}行</source>
            <translation>
… and {value} more rows</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>

取り込めない行は次のファイルに書き出します：
{rejects}</source>
            <translation>

Rows that cannot be imported will be written to:
{rejects}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>

取り込める方がいません。</source>
            <translation>

Nobody can be imported.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿ではないようです</source>
            <translation>This does not look like a roster</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>取り込めない行のほうが多いため、このファイルは住民の名簿ではないようです。ファイルをたしかめてください。</source>
            <translation>More rows cannot be imported than can, so this file does not look like a list of residents. Please check the file.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿にまちがいない（取り込みへ進む）</source>
            <translation>It is a roster (go on to import)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>

取り込みますか。</source>
            <translation>

Import now?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>取り込む</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>{imported}人を登録しました。取り込めない行：{rejected_count}行</source>
            <translation>Registered {imported} people. Rows not imported: {rejected_count}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿を読んでいます…</source>
            <translation>Reading the roster…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿を取り込んでいます…</source>
            <translation>Importing the roster…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿の書き出し</source>
            <translation>Roster export</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>名簿を書き出す</source>
            <translation>Export the roster</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>住民名簿.csv</source>
            <translation>residents.csv</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>CSVファイル (*.csv)</source>
            <translation>CSV files (*.csv)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>{count}人分を書き出しました。
{path}</source>
            <translation>Exported {count} people.
{path}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>一覧で1人を選んでから押してください。</source>
            <translation>Choose 1 person in the list first.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>記録の開示</source>
            <translation>Records disclosure</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>開示する書類を保存する場所</source>
            <translation>Where to save the disclosure documents</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>次のファイルを作りました。
</source>
            <translation>These files were made:
</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>同意の撤回</source>
            <translation>Withdraw consent</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>{full_name} さんの同意を撤回し、この方の記録をすべて消します。
市のサーバーやほかの端末からも消えます。元に戻せません。よろしいですか。</source>
            <translation>This withdraws the consent of {full_name} and erases all their records.
They are also erased from the city's server and other desks. This cannot be undone. Are you sure?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>撤回して消す</source>
            <translation>Withdraw and erase</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>保存期間の見直し</source>
            <translation>Retention review</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>{years}年以上利用のない方はいません。</source>
            <translation>Nobody has been inactive for {years} years or more.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>{name}（最後の記録：{year}年{month}月）</source>
            <translation>{name} (last record: {month}/{year})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>
…ほか{value}人</source>
            <translation>
… and {value} more</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>{years}年以上利用のない方：{value}人

</source>
            <translation>Inactive for {years} years or more: {value} people

</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/residents_page.py" />
            <source>

続けて記録を残すか、ご本人に確かめてから決めてください。</source>
            <translation>

Keep their records, or check with the person before deciding.</translation>
        </message>
    </context>
    <context>
        <name>ServerPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>市のサーバーとつなぐ（あとでもできます）</source>
            <translation>Connect to the city's server (you can do this later)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>市から受け取ったサーバーのアドレスと登録コードを入れます。なければ空のまま「次へ」。</source>
            <translation>Enter the server address and enrolment code you received from the city. If you have none, leave them empty and press “Next”.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>サーバーのアドレス</source>
            <translation>Server address</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>例：https://kyojo.city.example.jp</source>
            <translation>e.g. https://kyojo.city.example.jp</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>登録コード</source>
            <translation>Enrolment code</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/first_run_wizard.py" />
            <source>アドレスと登録コードの両方を入れるか、両方とも空にしてください。</source>
            <translation>Enter both the address and the enrolment code, or leave both empty.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/settings_dialog.py" />
            <source>文字の大きさ・見やすさ</source>
            <translation>Text size and display</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/settings_dialog.py" />
            <source>白黒をはっきりさせる（黒地に白い文字）</source>
            <translation>Strong contrast (white text on black)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/settings_dialog.py" />
            <source>文字の大きさ</source>
            <translation>Text size</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/settings_dialog.py" />
            <source>受付で音を鳴らす（✔ と ！ で ちがう音）</source>
            <translation>Sound at check-in (different for ✔ and !)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/settings_dialog.py" />
            <source>共助デスク　あいうえお　123</source>
            <translation>Kyojo Desk Aa Bb Cc 123</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/settings_dialog.py" />
            <source>言語の切りかえは、次に起動したときから使われます。</source>
            <translation>A new language is used from the next start.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/settings_dialog.py" />
            <source>小さく</source>
            <translation>Smaller</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/settings_dialog.py" />
            <source>大きく</source>
            <translation>Larger</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/settings_dialog.py" />
            <source>決定</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/settings_dialog.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>SheetEntryDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>紙の受付表を入力する</source>
            <translation>Enter a paper sign-in sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>受付表に印刷された方</source>
            <translation>People printed on the sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>{number}.  {full_name}（{full_reading}）</source>
            <translation>{number}.  {full_name} ({full_reading})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>　✔ 受付済み</source>
            <translation>  ✔ checked in</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>空欄に書かれた方</source>
            <translation>People written in the blank rows</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>空欄の行を増やす</source>
            <translation>More blank rows</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>受付表を保存する</source>
            <translation>Save the sign-in sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>紙の受付表：{title}</source>
            <translation>Paper sign-in sheet: {title}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>{value}　{time_range}　{place}
受付表と同じ順番です。〇やレ点のついた方を選んでください。受付の時刻は行事の開始時刻になります。</source>
            <translation>{value}  {time_range}  {place}
Same order as the printed sheet. Choose the people marked with a circle or tick. The check-in time will be the event's start time.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>受付表の日</source>
            <translation>Day of the sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>{number}日目（{day}）</source>
            <translation>Day {number} ({day})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>この行事には、申し込みの方も常連の方もいません。</source>
            <translation>Nobody has signed up for this event and it has no regulars.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>空欄に書かれた方（その場で参加した方）</source>
            <translation>People written in the blank rows (came on the day)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <source>空欄の{value}行目：姓 と せい（ふりがな）を入力してください。</source>
            <translation>Blank row {value}: enter the family name and its reading.</translation>
        </message>
    </context>
    <context>
        <name>SheetScanDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>紙の受付表を読み取る</source>
            <translation>Read scanned sign-in sheets</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>紙の受付表を読み取る：{title}</source>
            <translation>Read scanned sign-in sheets: {title}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>スキャンした受付表（PDF・画像）を選んでください。読み取った結果を確かめてから保存します。</source>
            <translation>Choose the scanned sign-in sheets (PDF or images). Check what was read, then save.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>ファイルを選ぶ</source>
            <translation>Choose files</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>フォルダを選ぶ</source>
            <translation>Choose a folder</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>読み取りの進みぐあい</source>
            <translation>Reading progress</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>%v / %m ページ</source>
            <translation>%v / %m pages</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>読み取ったページ</source>
            <translation>Pages read</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>緑 ✓＝印あり　灰＝空欄　橙 ?＝はっきりしない</source>
            <translation>Green ✓ = marked   Grey = blank   Orange ? = unclear</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>確かめてください</source>
            <translation>Please check</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>保存する</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>スキャンした受付表を選ぶ</source>
            <translation>Choose scanned sign-in sheets</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>スキャンした受付表 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
            <translation>Scanned sign-in sheets (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>スキャンした受付表のフォルダを選ぶ</source>
            <translation>Choose the folder of scanned sign-in sheets</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>読み取っています…</source>
            <translation>Reading…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>{file} {page}枚目：{title} {date} {sheet_page}ページ</source>
            <translation>{file} sheet {page}: {title} {date} page {sheet_page}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>{file} {page}枚目：{title} {sheet_page}ページ</source>
            <translation>{file} sheet {page}: {title} page {sheet_page}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>{file} {page}枚目：読めません</source>
            <translation>{file} sheet {page}: cannot be read</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>{month}月{day}日</source>
            <translation>{month}/{day}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>「{title}」の受付表のコードに日付がありません。何日目の受付表ですか。</source>
            <translation>The code on the sign-in sheet of “{title}” has no date. Which day is this sheet for?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>受付表の日</source>
            <translation>Day of the sign-in sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>{date}（{number}日目）</source>
            <translation>{date} (day {number})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>確かめる行はありません。印のついた方をそのまま保存できます。</source>
            <translation>Nothing to check. The marked people can be saved as they are.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>{title} {page}ページ {number}行目</source>
            <translation>{title} page {page}, row {number}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>{where}：{name}（{reading}）</source>
            <translation>{where}: {name} ({reading})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>受付表のこの行</source>
            <translation>This row of the sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>来た</source>
            <translation>Came</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>来ていない</source>
            <translation>Did not come</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>{where}：その場で参加した方</source>
            <translation>{where}: joined on the day</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>手書きの行</source>
            <translation>Handwritten row</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>書かれた名前を入力すると、登録して受付します（空のままなら登録しません）。</source>
            <translation>Type the name written here to register and check in this person (left empty, nobody is registered).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>保存すると：✓ の方 {new}人を受付（受付済み {already}人）、確かめた方 {came}人、その場で参加した方 {walk_ins}人。</source>
            <translation>Saving checks in: {new} marked ✓ ({already} already checked in), {came} confirmed, {walk_ins} joined on the day.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>
まだ確かめていない行 {value}行は受付しません。</source>
            <translation>
Rows not yet checked ({value}) will not be checked in.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <source>
読めなかったページ {value}枚があります。</source>
            <translation>
Pages that could not be read: {value}.</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusBar</name>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>同期の状態</source>
            <translation>Sync status</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>今すぐ同期</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>この端末の変更を市のサーバーに送り、他の端末の変更を受け取ります</source>
            <translation>Send this desk's changes to the city's server and receive the other desks' changes</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>同期：この端末はまだ市のサーバーにつながっていません</source>
            <translation>Sync: this desk is not connected to the city's server yet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>最終同期 {last}</source>
            <translation>Last sync {last}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>まだ同期していません</source>
            <translation>Not synced yet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>送信待ち {pending}件</source>
            <translation>Waiting to send: {pending}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>要確認 {open_conflicts}件</source>
            <translation>To check: {open_conflicts}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>送れなかった変更 {rejected}件</source>
            <translation>{rejected} not sent</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>受け取れなかった記録 {quarantined}件</source>
            <translation>{quarantined} not received</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>　・　</source>
            <translation>  ·  </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>同期しています…　・　{text}</source>
            <translation>Syncing…  ·  {text}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>同期できませんでした：{failure}
{text}</source>
            <translation>Could not sync: {failure}
{text}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>同期中…</source>
            <translation>Syncing…</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>。</source>
            <translation>.</translation>
        </message>
    </context>
    <context>
        <name>VolunteersPage</name>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>ボランティア</source>
            <translation>Volunteers</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>ボランティアの一覧</source>
            <translation>Volunteers</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>お名前</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>お名前（例：山田 一郎）</source>
            <translation>Name (e.g. Yamada Ichiro)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>ふりがな</source>
            <translation>Reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>登録する</source>
            <translation>Register</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>講座</source>
            <translation>Course</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>yyyy年M月d日</source>
            <translation>d MMM yyyy</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>修了した日</source>
            <translation>Completed on</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>選んだ人の修了を記録</source>
            <translation>Record course completed</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>活動中／休止を切りかえ</source>
            <translation>Switch active / paused</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>・</source>
            <translation> / </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>{value}（{value2}）</source>
            <translation>{value} ({value2})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>【休止中】</source>
            <translation>[Paused] </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/volunteers_page.py" />
            <source>{state}{name}（{reading}）　{roles}　{courses}</source>
            <translation>{state}{name} ({reading})  {roles}  {courses}</translation>
        </message>
    </context>
    <context>
        <name>WalkInDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>はじめての方の受付</source>
            <translation>First-time visitor</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>登録して受付する</source>
            <translation>Register and check in</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>市外にお住まいの方</source>
            <translation>Lives outside the city</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>市の外にお住まいの方を、お住まいの市区町村と いっしょに登録します</source>
            <translation>Register someone living outside the city, with their home municipality</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>お名前と ふりがな だけで受付できます。生年月日や同意書は あとで登録します。</source>
            <translation>Name and reading are enough to check in. Date of birth and the consent form can be added later.</translation>
        </message>
    </context>
    <context>
        <name>WhoIsAtDeskDialog</name>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/who_is_at_desk_dialog.py" />
            <source>受付をしている人</source>
            <translation>Who is at the desk</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/who_is_at_desk_dialog.py" />
            <source>ボランティアの一覧</source>
            <translation>Volunteers</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/who_is_at_desk_dialog.py" />
            <source>・</source>
            <translation> / </translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/who_is_at_desk_dialog.py" />
            <source>{name}（{reading}）　{roles}</source>
            <translation>{name} ({reading})  {roles}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/who_is_at_desk_dialog.py" />
            <source>わたしです</source>
            <translation>That's me</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/who_is_at_desk_dialog.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/who_is_at_desk_dialog.py" />
            <source>受付をしているのは、どなたですか</source>
            <translation>Who is at the desk?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/who_is_at_desk_dialog.py" />
            <source>ご自分の名前を選んでください。記録に残ります。</source>
            <translation>Choose your own name. It is kept with what you record.</translation>
        </message>
    </context>
    <context>
        <name>app</name>
        <message>
            <location filename="../../kyojo_desk/gui/app.py" />
            <source>共助デスク</source>
            <translation>Kyojo Desk</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/app.py" />
            <source>回復キー（コーディネーターの方へ）</source>
            <translation>Recovery key (for the coordinator)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/app.py" />
            <source>この端末のデータは暗号化されています。
パソコンを入れ替えたときなどに必要な「回復キー」です。紙に書いて、鍵のかかる場所に保管してください。

{recovery}

この画面は一度しか出ません。</source>
            <translation>The data on this desk is encrypted.
This “recovery key” is needed if you replace the computer, for example. Write it on paper and keep it in a locked place.

{recovery}

This screen is shown only once.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/app.py" />
            <source>バックアップできませんでした：{message}</source>
            <translation>Backup failed: {message}</translation>
        </message>
    </context>
    <context>
        <name>conflict_table_model</name>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>(空欄)</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>{label}
{month}月{day}日 {when:%H:%M}</source>
            <translation>{label}
{day}/{month} {when:%H:%M}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>{month}月{day}日 {when:%H:%M}</source>
            <translation>{month}/{day} {when:%H:%M}</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <location filename="../../kyojo_desk/gui/errors.py" />
            <source>思わぬエラーが起きました。入力した内容は保存されていません。
（{kind}）</source>
            <translation>Something unexpected went wrong. Nothing you entered was saved.
({kind})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/errors.py" />
            <source>うまくいきませんでした</source>
            <translation>That did not work</translation>
        </message>
    </context>
    <context>
        <name>first_run</name>
        <message>
            <location filename="../../kyojo_desk/gui/first_run.py" />
            <source>サーバーにつなげませんでした：{message}（あとで設定できます）</source>
            <translation>Could not connect to the server: {message} (you can set this up later)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/first_run.py" />
            <source>はじめの設定</source>
            <translation>First set-up</translation>
        </message>
    </context>
    <context>
        <name>help_log</name>
        <message>
            <location filename="../../kyojo_desk/gui/ops/help_log.py" />
            <source>（匿名）</source>
            <translation>(anonymous)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/ops/help_log.py" />
            <source>（記録なし）</source>
            <translation>(no record)</translation>
        </message>
    </context>
    <context>
        <name>kyojo</name>
        <message>
            <location filename="../../kyojo_desk/backup.py" />
            <source>残すバックアップの数は1以上にしてください。</source>
            <translation>Keep at least 1 backup.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/backup.py" />
            <source>バックアップのファイルが見つかりません。</source>
            <translation>The backup file cannot be found.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/backup.py" />
            <source>バックアップが開けません（この端末の鍵で作られたものではないか、バックアップではないファイルです）。</source>
            <translation>The backup cannot be opened (it was not made with this desk's key, or it is not a backup file).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/backup.py" />
            <source>バックアップが読めません（{kind}）。</source>
            <translation>Cannot read the backup ({kind}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/backup.py" />
            <source>バックアップが壊れています（整合性の検査に失敗しました）。</source>
            <translation>The backup is damaged (integrity check failed).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/backup.py" />
            <source>共助デスクのバックアップではありません。</source>
            <translation>This is not a Kyojo Desk backup.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>姓（みょうじ）</source>
            <translation>Family name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>例：新井</source>
            <translation>e.g. Arai</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>名（なまえ）</source>
            <translation>Given name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>例：誠</source>
            <translation>e.g. Makoto</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>せい（ふりがな）</source>
            <translation>Family name reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>例：あらい</source>
            <translation>e.g. あらい</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>めい（ふりがな）</source>
            <translation>Given name reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>例：まこと</source>
            <translation>e.g. まこと</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>お住まいの市区町村</source>
            <translation>Home municipality</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>例：東京都八王子市</source>
            <translation>e.g. Hachioji, Tokyo</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>電話番号（任意）</source>
            <translation>Phone (optional)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>例：090-1234-5678</source>
            <translation>e.g. 090-1234-5678</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>生年月日（任意）</source>
            <translation>Date of birth (optional)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/furusato_dialog.py" />
            <source>例：平成20年4月1日</source>
            <translation>e.g. 平成20年4月1日</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <source>お名前</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <source>ふりがな</source>
            <translation>Reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <location filename="../../kyojo_desk/privacy.py" />
            <source>生年月日</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <location filename="../../kyojo_desk/records/help.py" />
            <source>電話</source>
            <translation>Phone</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>スマホ</source>
            <translation>Smartphone</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <location filename="../../kyojo_desk/privacy.py" />
            <source>メモ</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/merge_dialog.py" />
            <source>カード番号</source>
            <translation>Card number</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>例：高橋</source>
            <translation>e.g. Takahashi</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>例：花子</source>
            <translation>e.g. Hanako</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>例：たかはし</source>
            <translation>e.g. たかはし</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>例：はなこ</source>
            <translation>e.g. はなこ</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>例：昭和23年3月2日、S23.3.2、1948-03-02</source>
            <translation>e.g. 昭和23年3月2日, S23.3.2, 1948-03-02</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <location filename="../../kyojo_desk/privacy.py" />
            <source>電話番号</source>
            <translation>Phone number</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>例：0554-62-1111</source>
            <translation>e.g. 0554-62-1111</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/resident_dialog.py" />
            <source>もう一つの電話番号（携帯など）</source>
            <translation>Other phone (mobile etc.)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <location filename="../../kyojo_desk/privacy.py" />
            <source>姓</source>
            <translation>Family name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/sheet_entry_dialog.py" />
            <location filename="../../kyojo_desk/gui/dialogs/sheet_scan_dialog.py" />
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <location filename="../../kyojo_desk/privacy.py" />
            <source>名</source>
            <translation>Given name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/dialogs/walk_in_dialog.py" />
            <source>電話番号（わかれば）</source>
            <translation>Phone number (if known)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>記録</source>
            <translation>Record</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>項目</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>いまの値</source>
            <translation>Current value</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>入力した端末・日時</source>
            <translation>Entered on (desk, time)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>もう一方の値</source>
            <translation>Other value</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>せい(ふりがな)</source>
            <translation>Family name reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>めい(ふりがな)</source>
            <translation>Given name reading</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>電話（2つ目）</source>
            <translation>Phone (second)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <location filename="../../kyojo_desk/gui/models/digital_divide_model.py" />
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <location filename="../../kyojo_desk/privacy.py" />
            <source>地区</source>
            <translation>District</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <location filename="../../kyojo_desk/privacy.py" />
            <source>区分</source>
            <translation>Category</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>配慮</source>
            <translation>Support needs</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>削除</source>
            <translation>Deleted</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>名前</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>値の形が決まりに合いません</source>
            <translation>The value does not have the required form</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>この版では扱えない種類の記録です</source>
            <translation>A kind of record this version cannot handle</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>この版では扱えない項目です</source>
            <translation>A field this version cannot handle</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>サーバーにない記録への変更です</source>
            <translation>A change to a record the server does not have</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>変更の日時が読み取れません</source>
            <translation>The time of the change cannot be read</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>変更の日時が先すぎます(パソコンの時計を確かめてください)</source>
            <translation>The change is dated too far ahead (check this computer's clock)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>大きすぎて送れません</source>
            <translation>Too large to send</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>記録の番号が正しくありません</source>
            <translation>The record's number is not valid</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>読み取れない形で届きました</source>
            <translation>Arrived in a form that cannot be read</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>文字が多すぎます</source>
            <translation>Too many characters</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>決まりに合わない値です</source>
            <translation>A value that breaks the rules</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>送れなかった変更</source>
            <translation>Change not sent</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>受け取れなかった記録</source>
            <translation>Record not received</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>種類</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>理由</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/conflict_table_model.py" />
            <source>日時</source>
            <translation>When</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/digital_divide_model.py" />
            <source>年代</source>
            <translation>Age</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/digital_divide_model.py" />
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>登録している人</source>
            <translation>Registered</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/digital_divide_model.py" />
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>スマホを持っている</source>
            <translation>Own a smartphone</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/digital_divide_model.py" />
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>アプリ登録ができる</source>
            <translation>Can register in an app</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/digital_divide_model.py" />
            <source>期間にできるようになったこと</source>
            <translation>Skills gained in the period</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/digital_divide_model.py" />
            <source>地区なし</source>
            <translation>No district</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <source>年齢</source>
            <translation>Age</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/models/resident_table_model.py" />
            <source>市と共有</source>
            <translation>Shared</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/ops/printing.py" />
            <source>印刷する方がいません。</source>
            <translation>There is nobody to print.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/audit_page.py" />
            <source>いつ</source>
            <translation>When</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/audit_page.py" />
            <source>だれが</source>
            <translation>Who</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/audit_page.py" />
            <source>したこと</source>
            <translation>What</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/audit_page.py" />
            <source>対象</source>
            <translation>Whose record</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/audit_page.py" />
            <source>くわしく</source>
            <translation>Details</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>会員カード（A4に10枚）</source>
            <translation>Member cards (10 per A4)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>イベントの受付表</source>
            <translation>Event sign-in sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>月次報告（市の会議用）</source>
            <translation>Monthly report for the city</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>年度報告（まちづくり委員会用）</source>
            <translation>Yearly report for the committee</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>カードの位置あわせ</source>
            <translation>Card alignment test</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/pages/print_page.py" />
            <source>説明の冊子（A5）</source>
            <translation>Guide booklet (A5)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/printing/signin.py" />
            <location filename="../../kyojo_desk/store/events.py" />
            <source>この行事の日ではありません。</source>
            <translation>This is not the day of this event.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>せい</source>
            <translation>family</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>めい</source>
            <translation>given</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>もう一つの電話番号</source>
            <translation>Second phone number</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>必要な配慮</source>
            <translation>Support needs</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>スマートフォン</source>
            <translation>Smartphone</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>会員カード番号</source>
            <translation>Member card number</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>登録した日時</source>
            <translation>Registered at</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>同意した項目</source>
            <translation>Consented to</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>同意の方法</source>
            <translation>How consent was given</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>確認した人</source>
            <translation>Checked by</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>同意書の版</source>
            <translation>Consent form version</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>同意した日</source>
            <translation>Consent date</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>撤回した日</source>
            <translation>Withdrawal date</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>イベント</source>
            <translation>Event</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>受付の日時</source>
            <translation>Check-in time</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>申込の日時</source>
            <translation>Sign-up time</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/privacy.py" />
            <source>記録した人</source>
            <translation>Recorded by</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/qr.py" />
            <source>このカードは読み取れませんでした</source>
            <translation>This card could not be read</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>交流イベント</source>
            <translation>Social event</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>スマホ教室</source>
            <translation>Smartphone class</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>防災訓練</source>
            <translation>Disaster drill</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>清掃活動</source>
            <translation>Clean-up</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <location filename="../../kyojo_desk/records/help.py" />
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>その他</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>カード</source>
            <translation>Card</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>名前でさがして</source>
            <translation>Name search</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>紙の受付表</source>
            <translation>Paper sign-in sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>紙の受付表（読み取り）</source>
            <translation>Paper sign-in sheet (scanned)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>その場で登録</source>
            <translation>Registered on the spot</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>名前なし</source>
            <translation>No name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>〜19歳</source>
            <translation>Under 20</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>20〜39歳</source>
            <translation>20–39</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>40〜59歳</source>
            <translation>40–59</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>60代</source>
            <translation>60s</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>70代</source>
            <translation>70s</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>80歳〜</source>
            <translation>80 and over</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>日時は 2026-11-23T10:00 のように入力してください。</source>
            <translation>Enter the date and time like this: 2026-11-23T10:00</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>「{name}」という項目はありません。</source>
            <translation>There is no item “{name}”.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>行事の名前を入力してください。</source>
            <translation>Please enter the event name.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>始まる日時を入力してください。</source>
            <translation>Please enter the start date and time.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>終わる日時が始まる日時より前になっています。</source>
            <translation>The end time is before the start time.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>{limit}文字までにしてください（いまは{length}文字です）。</source>
            <translation>Please use at most {limit} characters (now {length}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>行事の種類は{limit}文字までにしてください。</source>
            <translation>Please name the kind of event in at most {limit} characters.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>定員は数字で入力してください（なければ空のまま）。</source>
            <translation>Enter the capacity as a number (leave blank if none).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/event.py" />
            <source>指定した団体は、担い手活動の行事にだけ設定できます。</source>
            <translation>A designated organisation can be set only on events that count as community activities (担い手活動).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>シェア・コンシェルジュ</source>
            <translation>Share concierge</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>デジタル支援員</source>
            <translation>Digital supporter</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>コーディネーター</source>
            <translation>Coordinator</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>シェア・コンシェルジュ養成講座</source>
            <translation>Share concierge course</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>デジタル支援員講座</source>
            <translation>Digital supporter course</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>電話のかけ方</source>
            <translation>Making calls</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>カメラ・写真</source>
            <translation>Camera / photos</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>アプリの登録</source>
            <translation>Setting up apps</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>マイナンバーカード・マイナポータル</source>
            <translation>My Number Card / Mynaportal</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>詐欺の相談</source>
            <translation>Scam advice</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>設定</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>らくらくスマホ</source>
            <translation>Easy smartphone</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>携帯電話（ガラケー）</source>
            <translation>Mobile phone (flip phone)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>タブレット</source>
            <translation>Tablet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>できた</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>一部できた</source>
            <translation>Partly done</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>次回つづき</source>
            <translation>Continue next time</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>専門の窓口へ</source>
            <translation>Refer to specialist</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>送迎</source>
            <translation>Transport</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>託児・見守り</source>
            <translation>Childcare / watching</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>買い物</source>
            <translation>Shopping</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>モノのおゆずり</source>
            <translation>Giving away items</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>話し相手</source>
            <translation>Someone to talk to</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>受付中</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>マッチ済み</source>
            <translation>Matched</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>完了</source>
            <translation>Completed</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>取り消し</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>カメラ</source>
            <translation>Camera</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>アプリ登録</source>
            <translation>App setup</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>マイナポータル</source>
            <translation>Mynaportal</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>詐欺に気づく</source>
            <translation>Spotting scams</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>お名前を入力してください。</source>
            <translation>Please enter the name.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>ふりがなを ひらがな か カタカナ で入力してください。</source>
            <translation>Enter the reading in hiragana or katakana.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>役割「{roles}」はありません。</source>
            <translation>There is no role “{roles}”.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>相談の内容を1つ以上選んでください。</source>
            <translation>Choose at least one help topic.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>相談の内容に一覧にないものがあります。</source>
            <translation>Some help topics are not on the list.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>かかった時間（分）を選んでください。</source>
            <translation>Choose the time taken (minutes).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>結果を選んでください。</source>
            <translation>Please choose the result.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>機種を一覧から選んでください。</source>
            <translation>Choose the phone model from the list.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>受付をしている人（ボランティア）を選んでください。</source>
            <translation>Choose who is at the desk (volunteer).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>次の予定日が読み取れません（例：2026-12-01）。</source>
            <translation>Cannot read the next date (e.g. 2026-12-01).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>「次回つづき」「専門の窓口へ」のときは、次の予定日を入れてください。</source>
            <translation>For “Continue next time” or “Refer to specialist”, enter the next date.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>依頼した方を選んでください。</source>
            <translation>Choose who made the request.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>依頼の種類を選んでください。</source>
            <translation>Choose the type of request.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>いつまでに必要かが読み取れません（例：2026-12-01）。</source>
            <translation>Cannot read the “needed by” date (e.g. 2026-12-01).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>月は 2026-05 の形で入力してください。</source>
            <translation>Enter the month like 2026-05.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>件数は 0 以上の数字で入力してください。</source>
            <translation>Enter the count as a number, 0 or more.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>どこで見た数字かを入力してください（例：アプリ管理画面の月報）。</source>
            <translation>Enter where the figure comes from (e.g. the app's monthly admin report).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/help.py" />
            <source>出どころは200文字までにしてください。</source>
            <translation>Keep the source to 200 characters.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>自治会</source>
            <translation>Neighbourhood association</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>地域運営組織</source>
            <translation>Community management organisation</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>消防団</source>
            <translation>Volunteer fire corps</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>NPO</source>
            <translation>NPO</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>団体の名前を入力してください。</source>
            <translation>Enter the organisation's name.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>団体の名前が長すぎます（200文字まで）。</source>
            <translation>The organisation's name is too long (200 characters at most).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>団体の種類は 自治会・地域運営組織・消防団・NPO・その他 から選んでください。</source>
            <translation>Choose the organisation's kind: neighbourhood association, community management organisation, volunteer fire corps, NPO or other.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>連絡先が長すぎます（200文字まで）。</source>
            <translation>The contact is too long (200 characters at most).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>コードが読み取れていません。もう一度読み取ってください。</source>
            <translation>The code was not read. Please scan it again.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>コードが長すぎます。</source>
            <translation>The code is too long.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>コードに読み取れない文字が入っています。</source>
            <translation>The code contains characters that cannot be read.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>姓（みょうじ）を入力してください。</source>
            <translation>Please enter the family name.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>ふりがなは ひらがな か カタカナ で入力してください。</source>
            <translation>Enter the reading in hiragana or katakana.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>ふりがな（せい）を入力してください。</source>
            <translation>Please enter the reading (family).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>ふりがな（めい）を入力してください。</source>
            <translation>Please enter the reading (given).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>お住まいの市区町村を入力してください。</source>
            <translation>Enter the city, ward, town or village where the person lives.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>市区町村の名前が長すぎます。</source>
            <translation>The name of the municipality is too long.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>未成年の方は、保護者の名前を入力してください。</source>
            <translation>For a minor, enter the guardian's name.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/ninaite.py" />
            <source>未成年の方は、保護者の同意がないと登録できません。</source>
            <translation>A minor can be registered only with a guardian's consent.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>住民</source>
            <translation>Resident</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>関係人口（市外の方）</source>
            <translation>Non-resident (outside the city)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>大きな文字</source>
            <translation>Large text</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>読み上げ</source>
            <translation>Read aloud</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>耳が不自由</source>
            <translation>Hard of hearing</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>足が不自由</source>
            <translation>Limited mobility</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>持っていない</source>
            <translation>Does not have one</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>記録を残す（必須）</source>
            <translation>Keep records (required)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>電話で連絡する</source>
            <translation>Contact by phone</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>市と共有する</source>
            <translation>Share with the city</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>写真を撮る</source>
            <translation>Take photos</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>紙の同意書に署名</source>
            <translation>Signed the paper form</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>口頭で同意</source>
            <translation>Verbal consent</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>同意の項目に不明なものがあります。</source>
            <translation>Some consent items are unknown.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <location filename="../../kyojo_desk/store/residents.py" />
            <source>「記録を残す」への同意がないと登録できません。</source>
            <translation>Cannot register without consent to “Keep records”.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>同意の方法を選んでください。</source>
            <translation>Choose how consent was given.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <location filename="../../kyojo_desk/store/consent_scopes.py" />
            <location filename="../../kyojo_desk/store/ninaite.py" />
            <source>同意を確認した人の名前を入力してください。</source>
            <translation>Enter the name of the person who checked consent.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>ふりがな（{label}）は ひらがな か カタカナ で入力してください。</source>
            <translation>Enter the reading ({label}) in hiragana or katakana.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>区分は「住民」か「関係人口」を選んでください。</source>
            <translation>For category, choose “Resident” or “Connected non-resident”.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>必要な配慮に不明な項目があります。</source>
            <translation>Some support needs are unknown.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/records/resident.py" />
            <source>スマートフォンの種類を選んでください。</source>
            <translation>Choose the type of smartphone.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/pages.py" />
            <source>ファイルがありません：{name}</source>
            <translation>File not found: {name}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/pages.py" />
            <source>画像として開けませんでした</source>
            <translation>Could not open this as an image</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/pages.py" />
            <source>画像が大きすぎます（A4 の受付表ではありません）</source>
            <translation>The image is too large (not an A4 sign-in sheet)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/pages.py" />
            <source>PDF か PNG・JPEG の画像を選んでください</source>
            <translation>Choose a PDF or a PNG/JPEG image</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/pages.py" />
            <source>PDF として開けませんでした</source>
            <translation>Could not open this as a PDF</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/pages.py" />
            <source>ページが大きすぎます（A4 の受付表ではありません）</source>
            <translation>The page is too large (not an A4 sign-in sheet)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/reader.py" />
            <source>受付表のコードが見つかりません（受付表ではないか、読み取れないほどかすれています）</source>
            <translation>No sign-in sheet code found (not a sign-in sheet, or too faint to read)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/reader.py" />
            <source>四すみの黒い四角が見つかりません（ページの端が切れていませんか）</source>
            <translation>The black squares in the four corners were not found (is the edge of the page cut off?)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/reader.py" />
            <source>画像が小さすぎます（150 dpi 以上で読み取ってください）</source>
            <translation>The image is too small (scan at 150 dpi or more)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/sheet_import.py" />
            <source>どの行事の受付表か分かりません（ページのコードが読めません）</source>
            <translation>Cannot tell which event this sheet is for (the page code is unreadable)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/sheet_import.py" />
            <source>別の行事の受付表です（{title}）</source>
            <translation>This sheet belongs to another event ({title})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/sheet_import.py" />
            <source>別の行事の受付表です</source>
            <translation>This sheet belongs to another event</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/sheet_import.py" />
            <source>この受付表の行事は、この端末に登録されていません</source>
            <translation>The event of this sheet is not on this desk</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/sheet_import.py" />
            <source>ページ番号のコードが読めず、行のコードからもページが分かりません</source>
            <translation>The page code is unreadable and the row codes do not tell the page either</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/sheet_import.py" />
            <source>{title} {page}ページ：✓ {ticked}人、はっきりしない {unclear}行</source>
            <translation>{title} page {page}: marked ✓ {ticked}, unclear rows {unclear}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/sheet_import.py" />
            <source>この行のカードの方は、この端末に登録されていません</source>
            <translation>The card of this row belongs to nobody on this desk</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/sheet_import.py" />
            <source>行のコードが読めないため、名簿の順番から推定しました</source>
            <translation>The row code is unreadable: the person was guessed from the order of the list</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/scanning/sheet_import.py" />
            <source>この行の方が分かりません</source>
            <translation>Nobody is known for this row</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/security/encrypt.py" />
            <source>このデータはすでに暗号化されています。</source>
            <translation>This data is already encrypted.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/security/keys.py" />
            <source>回復キーは 4文字ずつ16組（0〜9、A〜F）です。</source>
            <translation>The recovery key is 16 groups of 4 characters (0–9, A–F).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/security/pin.py" />
            <source>PINの入力をまちがえた回数が多いため、{seconds}秒後にもう一度試してください。</source>
            <translation>Too many wrong PIN attempts. Try again in {seconds} seconds.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/security/pin.py" />
            <source>PINは4〜8けたの数字にしてください。</source>
            <translation>The PIN must be 4 to 8 digits.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/security/pin.py" />
            <source>コーディネーターのPINがまだ決められていません。</source>
            <translation>The coordinator PIN has not been set yet.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>記録を開いた</source>
            <translation>Opened records</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>書き出した</source>
            <translation>Exported</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>取り込んだ</source>
            <translation>Imported</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>会員カードを印刷した</source>
            <translation>Printed member cards</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>受付名簿を印刷した</source>
            <translation>Printed check-in list</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>記録をまとめた</source>
            <translation>Merged records</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>記録を消去した</source>
            <translation>Erased records</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>本人の記録を書き出した</source>
            <translation>Exported a person's records</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>回復キーを表示した</source>
            <translation>Showed the recovery key</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>別の場所にバックアップした</source>
            <translation>Backed up to another folder</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/audit.py" />
            <source>同意の範囲を変えた</source>
            <translation>Changed the consent</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/consent_scopes.py" />
            <source>同意の項目「{value}」はありません（{choices}）。</source>
            <translation>There is no consent item “{value}” ({choices}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/consent_scopes.py" />
            <source>「記録を残す」をやめるときは、同意の撤回（記録の消去）をしてください。</source>
            <translation>To stop keeping the record, withdraw the consent (this erases the record).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/consent_scopes.py" />
            <location filename="../../kyojo_desk/store/residents.py" />
            <source>この方の記録は統合または削除されています。</source>
            <translation>This person's record has been merged or deleted.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/consent_scopes.py" />
            <source>この方にはまだ同意の記録がありません。先に同意を記録してください。</source>
            <translation>No consent is recorded for this person yet. Record the consent first.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/database.py" />
            <source>暗号化キーの形が正しくありません。</source>
            <translation>The encryption key is not in the right format.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/database.py" />
            <source>このデータは暗号化されています。この端末の鍵か、回復キーが必要です。</source>
            <translation>This data is encrypted. You need this desk's key or the recovery key.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/database.py" />
            <source>暗号化キーが合わないため、データを開けません。</source>
            <translation>The encryption key does not match, so the data cannot be opened.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/database.py" />
            <source>暗号化されたデータの写しには鍵が必要です。</source>
            <translation>A copy of encrypted data needs the key.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/districts.py" />
            <source>地区の一覧の{number}行目に番号か名前がありません。</source>
            <translation>Line {number} of the district list has no number or name.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/districts.py" />
            <source>地区の番号と名前を入力してください。</source>
            <translation>Please enter the district number and name.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>このカードの方は、この端末に登録されていません</source>
            <translation>This card holder is not registered on this desk</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>このコードはまだどなたにも結びついていません。名前でさがして結びつけてください</source>
            <translation>This code is not linked to anyone yet. Find the person by name and link it</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>もう受付済みです（{time}）</source>
            <translation>Already checked in ({time})</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>受付しました</source>
            <translation>Checked in</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>中心になった人が、ボランティアの名簿に見つかりません。</source>
            <translation>The person who led it is not on the volunteer roster.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>この行事が見つかりません。</source>
            <translation>This event cannot be found.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>この方の記録は削除されています。</source>
            <translation>This person's record has been deleted.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>受付表のページのコードです。印のついた受付表は、スキャンして「紙の受付表を読み取る」で読み取れます</source>
            <translation>This is the code of a sign-in sheet page. Scan the marked sheet and read it with “Read scanned sign-in sheets”</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>参加者のカードではありません（行事や受付表のコードです）</source>
            <translation>Not a participant's card (it is an event or sign-in sheet code)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>受付の方法 {method} はありません。</source>
            <translation>There is no check-in method {method}.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>年代を選んでください。</source>
            <translation>Please choose an age group.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>取り消す受付はありません</source>
            <translation>No check-in to undo</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>名前なしの方</source>
            <translation>Person with no name</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>取り消しました：{name}</source>
            <translation>Undone: {name}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>{number}行目：姓（みょうじ）と ふりがな を入力してください。</source>
            <translation>Line {number}: enter the family name and reading.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/events.py" />
            <source>受付表のページ番号が正しくありません。</source>
            <translation>The sheet's page number is not valid.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/help_log.py" />
            <source>このボランティアの記録が見つかりません。</source>
            <translation>This volunteer's record cannot be found.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/help_log.py" />
            <source>講座の名前を入力してください。</source>
            <translation>Please enter the course name.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/help_log.py" />
            <source>相談の内容を1つ以上入れてください。</source>
            <translation>Enter at least one help topic.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/help_log.py" />
            <source>この相談の記録が見つかりません。</source>
            <translation>This help session record cannot be found.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/help_log.py" />
            <source>その項目はありません。</source>
            <translation>That item does not exist.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/help_log.py" />
            <source>この依頼の記録が見つかりません。</source>
            <translation>This request record cannot be found.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/help_log.py" />
            <source>この依頼は「{value}」なので、マッチできません。</source>
            <translation>This request is “{value}”, so it cannot be matched.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/help_log.py" />
            <source>手伝う人（ボランティアか住民）を1人選んでください。</source>
            <translation>Choose one helper (volunteer or resident).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/help_log.py" />
            <source>「{value}」の依頼は、その状態にできません。</source>
            <translation>A “{value}” request cannot be set to that status.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>期間の終わりが始まりより前になっています。</source>
            <translation>The end of the period is before the start.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>新しく登録した住民</source>
            <translation>New residents registered</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>支援した住民（人）</source>
            <translation>Residents supported (people)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>相談の件数</source>
            <translation>Help sessions</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>イベントの回数</source>
            <translation>Events held</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>シェア・コンシェルジュが中心の活動（KPI③）</source>
            <translation>Activities led by share concierges (KPI 3)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>参加（のべ人数）</source>
            <translation>Attendance (total visits)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>参加（実人数）</source>
            <translation>Attendance (individuals)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>はじめて参加した人</source>
            <translation>First-time attendees</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>くり返し参加した人</source>
            <translation>Repeat attendees</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>くり返し参加の割合</source>
            <translation>Repeat attendance rate</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>シェア・コンシェルジュ養成（KPI②）</source>
            <translation>Share concierges trained (KPI 2)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>デスクで終わった共助</source>
            <translation>Mutual aid completed by the desk</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>アプリでの共助</source>
            <translation>Mutual aid through the city app</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>共助の件数（デスク＋アプリ、KPI④）</source>
            <translation>Mutual aid, desk + app (KPI 4)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>共助の依頼</source>
            <translation>Mutual-aid requests</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>手伝う人が決まった依頼</source>
            <translation>Requests with a helper found</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>依頼のうち、手伝う人が決まった割合</source>
            <translation>Share of requests that found a helper</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>まだ終わっていないフォロー</source>
            <translation>Open follow-ups</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>参加した関係人口（人）</source>
            <translation>Related population who took part</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>担い手活動の回数</source>
            <translation>Community activities held</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>担い手活動に参加した人</source>
            <translation>People in community activities</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>担い手活動への参加（のべ）</source>
            <translation>Community activity check-ins</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>年3回を満たした人（年度）</source>
            <translation>People meeting 3 a year (FY)</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>できるようになったこと</source>
            <translation>Skills gained</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/kpi.py" />
            <source>生年月日なし</source>
            <translation>No birth date</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/ninaite.py" />
            <source>市</source>
            <translation>City</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/ninaite.py" />
            <source>この団体が見つかりません。</source>
            <translation>This organisation was not found.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/ninaite.py" />
            <source>指定した団体が見つかりません。「市」か登録済みの団体を選んでください。</source>
            <translation>The designated organisation was not found. Choose the city or a registered organisation.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/ninaite.py" />
            <source>これは共助デスクのカードや受付表のコードです。そのまま受付に使えます。</source>
            <translation>This is a Kyojo Desk card or sign-in sheet code. It can be used for check-in as it is.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/ninaite.py" />
            <source>このコードはすでに別の方（{name}）に結びついています。</source>
            <translation>This code is already linked to someone else ({name}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/residents.py" />
            <source>この方の記録が見つかりません。</source>
            <translation>This person's record cannot be found.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/residents.py" />
            <source>地区を一覧から選んでください。</source>
            <translation>Choose a district from the list.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/residents.py" />
            <source>同じ方がすでに登録されているかもしれません。</source>
            <translation>This person may already be registered.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/residents.py" />
            <source>同じ記録どうしは統合できません。</source>
            <translation>A record cannot be merged with itself.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/residents.py" />
            <source>統合または削除された記録は統合できません。</source>
            <translation>Merged or deleted records cannot be merged.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>名簿の取り込みをやめました。だれも登録していません。</source>
            <translation>The roster import was cancelled. Nobody was registered.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>UTF-16のファイルが途中で壊れています。Excelでもう一度保存してください。</source>
            <translation>The UTF-16 file is damaged part-way. Save it again from Excel.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>ファイルの文字コードが読めません。Excelで「CSV UTF-8」か「CSV（コンマ区切り）」で保存してください。</source>
            <translation>Cannot read the file's text encoding. In Excel, save it as “CSV UTF-8” or “CSV (Comma delimited)”.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>「市と共有」は「はい」か「いいえ」（○/×、1/0、yes/no）で入れてください（「{value}」）。</source>
            <translation>Enter “yes” or “no” in “市と共有” (shared with the city) (はい/いいえ, ○/×, 1/0, yes/no; got “{value}”).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>Excelが電話番号を数として「{cell}」と表示したため、元の番号が分かりません。元の名簿で電話番号の列を「文字列」にしてから保存し直してください。</source>
            <translation>Excel turned the phone number into the number “{cell}”, so the original cannot be known. In the original roster, format the phone column as Text and save it again.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>Excelで先頭の0が消えたようです（{cell}）。0を足しても電話番号になりません。元の番号を確かめてください。</source>
            <translation>Excel seems to have dropped the leading 0 ({cell}), but adding it back does not make a phone number. Please check the original number.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>Excelで先頭の0が消えたようです：{cell} を {repaired} として読みました。</source>
            <translation>Excel seems to have dropped the leading 0: read {cell} as {repaired}.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>生年月日「{cell}」はExcelの日付の通し番号なので、{day}として読みました。</source>
            <translation>Birth date “{cell}” is an Excel date serial number, read as {day}.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>地区「{value}」が地区の一覧にありません。</source>
            <translation>District “{value}” is not in the district list.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>ファイルが空です。</source>
            <translation>The file is empty.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>「氏名」または「姓」の見出しが最初の{count}行に見つかりません。見出しの行を入れてください。</source>
            <translation>No “氏名” or “姓” heading in the first {count} rows. Add a heading row.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>「{column}」の欄が長すぎます（{length}文字。{limit}文字までです）。</source>
            <translation>The cell in “{column}” is too long ({length} characters; at most {limit}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>{earlier}行目と同じ方のようです（ふりがなと生年月日、または電話番号が同じ）。</source>
            <translation>Looks like the same person as line {earlier} (same reading and date of birth, or same phone number).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/roster_csv.py" />
            <source>すでに登録されている方と同じようです（{who}）。</source>
            <translation>Looks like someone already registered ({who}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/sync_state.py" />
            <source>このデータベースは別の場所からコピーされたか、バックアップから戻されています。同じ変更が二重に送られないよう、登録し直してください(kyojo-desk enroll)。</source>
            <translation>This database was copied from elsewhere or restored from a backup. To avoid sending the same changes twice, please register again (kyojo-desk enroll).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/store/sync_state.py" />
            <source>この競合は見つかりません(すでに解決されたか消去されています)。</source>
            <translation>This conflict cannot be found (it may already be resolved or erased).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/client.py" />
            <source>サーバーにつながりません。インターネット接続を確かめてください。変更は端末に残っています。</source>
            <translation>Cannot reach the server. Check the internet connection. Your changes are kept on this desk.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/client.py" />
            <source>サーバーではないページが応答しました。Wi-Fiのログイン画面などが出ていないか確かめてください。変更は端末に残っています。</source>
            <translation>A page other than the server answered. Check whether a Wi-Fi sign-in page is waiting. Your changes are kept on this desk.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/client.py" />
            <source>同期を途中で止めました。変更は端末に残っていて、次の同期で送ります。</source>
            <translation>Sync was stopped part-way. Your changes are kept on this desk and go out with the next sync.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/client.py" />
            <source>サーバーが応答しません。しばらくしてからもう一度同期してください。変更は端末に残っています。</source>
            <translation>The server is not responding. Please sync again later. Your changes are kept on this desk.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/client.py" />
            <source>この端末はサーバーに認められていません。</source>
            <translation>This desk is not authorised by the server.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/client.py" />
            <source>ソフトウェアが古いため同期できません。更新してください。</source>
            <translation>The software is too old to sync. Please update it.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/client.py" />
            <source>サーバーが要求を受け付けませんでした({status})。</source>
            <translation>The server did not accept the request ({status}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/engine.py" />
            <source>この端末はまだ市のサーバーにつながっていません。市の担当者から登録コードを受け取り、つないでください。</source>
            <translation>This desk is not connected to the city's server yet. Get an enrolment code from the city's staff and connect.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/engine.py" />
            <source>遅れて</source>
            <translation>slow</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/engine.py" />
            <source>進んで</source>
            <translation>fast</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/engine.py" />
            <source>このパソコンの時計が約{minutes}分{direction}います。時計を合わせてから同期してください。変更は端末に残っています。</source>
            <translation>This computer's clock is about {minutes} minutes {direction}. Set the clock, then sync. Your changes are kept on this desk.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/engine.py" />
            <source>このソフトウェアは古いため同期できません。更新してください。変更は端末に残っています。</source>
            <translation>This software is too old to sync. Please update it. Your changes are kept on this desk.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/engine.py" />
            <source>サーバーがこの端末より古い版です。サーバーの更新を待ってから同期してください。変更は端末に残っています。</source>
            <translation>The server is an older version than this desk. Wait for the server to be updated, then sync. Your changes are kept on this desk.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/engine.py" />
            <source>サーバーが送信を受け付けません。</source>
            <translation>The server is not accepting uploads.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/engine.py" />
            <source>サーバーとこの端末の記録が食い違っています。登録し直してください。</source>
            <translation>The server and this desk's records do not match. Please register again.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/sync/engine.py" />
            <source>サーバーの状態が落ち着きません。</source>
            <translation>The server's state keeps changing.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/dates.py" />
            <source>日付が読み取れません。例：今日、あした、来週の火曜、12/1、令和8年12月1日、2026-12-01</source>
            <translation>Cannot read the date. For example: today, tomorrow, next Tuesday, 12/1, 2026-12-01</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/dates.py" />
            <source>{month}月{day}日はカレンダーにありません。</source>
            <translation>There is no {month}/{day} in the calendar.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/phone.py" />
            <source>電話番号は数字とハイフンで入力してください。</source>
            <translation>Enter the phone number with digits and hyphens.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/phone.py" />
            <source>電話番号は0から始めてください（市外局番から。携帯は090・080・070など）。</source>
            <translation>Start the phone number with 0 (the area code; mobiles start 090, 080, 070 …).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/phone.py" />
            <source>00で始まる番号は国際電話の番号です。日本の番号は0を1つにしてください。</source>
            <translation>A number starting with 00 is an international call. For a Japanese number use a single 0.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/phone.py" />
            <source>電話番号として読み取れません。</source>
            <translation>This cannot be read as a phone number.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/phone.py" />
            <source>日本の電話番号を入力してください。</source>
            <translation>Enter a Japanese phone number.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/phone.py" />
            <source>電話番号の桁が足りません（{count}桁）。</source>
            <translation>The phone number has too few digits ({count}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/phone.py" />
            <source>電話番号の桁が多すぎます（{count}桁）。</source>
            <translation>The phone number has too many digits ({count}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/phone.py" />
            <source>携帯電話の番号は11桁です（入力は{count}桁）。</source>
            <translation>Mobile numbers have 11 digits (this one has {count}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/phone.py" />
            <source>固定電話の番号は市外局番から10桁です（入力は{count}桁）。</source>
            <translation>Fixed-line numbers have 10 digits with the area code (this one has {count}).</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/phone.py" />
            <source>{number} は使われていない番号の形です。市外局番からもう一度確かめてください。</source>
            <translation>{number} is not a number in use. Check it again from the area code.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/wareki.py" />
            <source>明治6年1月1日（1873年1月1日）より前の日付は扱えません。それまでの日本の暦は旧暦で、和暦と西暦の月日が合わないためです。</source>
            <translation>Dates before Meiji 6-1-1 (1 January 1873) cannot be used: Japan used the old lunisolar calendar until then, so its era dates do not match Western dates.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/wareki.py" />
            <source>明治5年12月3日から12月31日はありません。改暦で明治5年12月2日の次の日が明治6年1月1日になりました。</source>
            <translation>Meiji 5-12-3 to 5-12-31 never existed: with the calendar change, the day after Meiji 5-12-2 was Meiji 6-1-1.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/wareki.py" />
            <source>生年月日が読み取れません。例：昭和23年3月2日、S23.3.2、1948-03-02</source>
            <translation>Cannot read the date of birth. Examples: 昭和23年3月2日, S23.3.2, 1948-03-02</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/wareki.py" />
            <source>明治より前の日付は扱えません。</source>
            <translation>Dates before the Meiji era are not supported.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/wareki.py" />
            <source>その日付はカレンダーにありません。</source>
            <translation>That date does not exist on the calendar.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/wareki.py" />
            <source>{first}から{last}まで</source>
            <translation>from {first} to {last}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/wareki.py" />
            <source>{first}から</source>
            <translation>from {first}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/wareki.py" />
            <source>{name}{year}年{month}月{day}日はありません。{name}は{span}です。</source>
            <translation>{name} {year}, month {month}, day {day} does not exist. {name} ran {span}.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/text/wareki.py" />
            <source>生年月日が今日より後になっています。</source>
            <translation>The date of birth is after today.</translation>
        </message>
    </context>
    <context>
        <name>ninaite</name>
        <message>
            <location filename="../../kyojo_desk/gui/ops/ninaite.py" />
            <source>担い手活動の記録</source>
            <translation>community_activity_record</translation>
        </message>
    </context>
    <context>
        <name>printing</name>
        <message>
            <location filename="../../kyojo_desk/gui/ops/printing.py" />
            <source>会員カード</source>
            <translation>Member cards</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/ops/printing.py" />
            <source>受付表</source>
            <translation>Sign-in sheet</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/ops/printing.py" />
            <source>月次報告_{month}</source>
            <translation>monthly-report_{month}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/ops/printing.py" />
            <source>年度報告_{year}年度</source>
            <translation>Yearly report_FY{year}</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/ops/printing.py" />
            <source>カードの位置あわせ</source>
            <translation>card-alignment</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/ops/printing.py" />
            <source>_A4両面</source>
            <translation>_A4-double-sided</translation>
        </message>
    </context>
    <context>
        <name>prompts</name>
        <message>
            <location filename="../../kyojo_desk/gui/prompts.py" />
            <source>はい</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/prompts.py" />
            <source>いいえ</source>
            <translation>No</translation>
        </message>
    </context>
    <context>
        <name>residents</name>
        <message>
            <location filename="../../kyojo_desk/gui/ops/residents.py" />
            <source>開示_{value}</source>
            <translation>disclosure_{value}</translation>
        </message>
    </context>
    <context>
        <name>roles</name>
        <message>
            <location filename="../../kyojo_desk/gui/roles.py" />
            <source>「{action}」はコーディネーターの操作です。</source>
            <translation>“{action}” is a coordinator action.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/roles.py" />
            <source>コーディネーターの操作です。</source>
            <translation>This is a coordinator action.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/roles.py" />
            <source>はじめにPINを決めてください。</source>
            <translation>Please set a PIN first.</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/roles.py" />
            <source>PINがちがいます。</source>
            <translation>Wrong PIN.</translation>
        </message>
    </context>
    <context>
        <name>sync_status_bar</name>
        <message>
            <location filename="../../kyojo_desk/gui/sync_status_bar.py" />
            <source>{month}月{day}日 {moment:%H:%M}</source>
            <translation>{day}/{month} {moment:%H:%M}</translation>
        </message>
    </context>
    <context>
        <name>widgets</name>
        <message>
            <location filename="../../kyojo_desk/gui/widgets.py" />
            <source>保存のお知らせ</source>
            <translation>Saved</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/widgets.py" />
            <source>入力した内容</source>
            <translation>What you entered</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/widgets.py" />
            <source>入力した内容は、まだ保存されていません。消して閉じますか。</source>
            <translation>What you entered has not been saved. Throw it away and close?</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/widgets.py" />
            <source>消して閉じる</source>
            <translation>Throw away and close</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/widgets.py" />
            <source>入力にもどる</source>
            <translation>Back to the form</translation>
        </message>
        <message>
            <location filename="../../kyojo_desk/gui/widgets.py" />
            <source>やめる</source>
            <translation>Cancel</translation>
        </message>
    </context>
</TS>
