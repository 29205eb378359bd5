//! Theme and stance rules of the embedded lexicons on sentences written for
//! these tests: each pins one intent (a false friend that must not fire, a
//! fragment that takes its sentence's theme, a negated commitment).
use yinyu::Tagger;

fn first(tagger: &Tagger, text: &str) -> (Vec<String>, String) {
    let q = tagger.tag("t", text).quotes.into_iter().next().expect("one quote");
    (q.themes.clone(), q.stance_str().to_string())
}

#[test]
fn false_friends_do_not_fire() {
    let t = Tagger::new().unwrap();
    // 有人质疑 is not 人质
    assert!(!first(&t, "“有人质疑这项计划能否按期完成。”市民张明说。").0.contains(&"security".to_string()));
    // 长江两岸 is not the Taiwan Strait
    assert!(!first(&t, "“长江两岸的村庄今年都通上了自来水。”村支书王强说。")
        .0
        .contains(&"sovereignty".to_string()));
    // 江泽民主席 is not 民主 (a name ending in 民 before 主席)
    assert!(first(&t, "“江泽民主席的讲话让我们很受鼓舞。”工人王刚说。").0.is_empty());
    // 合作战略 is not 作战
    assert!(!first(&t, "“合作战略已经写进了规划。”经理周平说。").0.contains(&"military".to_string()));
    // 历史最好时期 is a record, not the past
    let (themes, _) = first(&t, "“两国关系正处于历史最好时期，双方合作不断深化。”外长李华说。");
    assert!(themes.contains(&"friendship".to_string()), "{themes:?}");
    assert!(!themes.contains(&"history".to_string()), "{themes:?}");
}

#[test]
fn a_war_remembered_is_history_not_military() {
    let t = Tagger::new().unwrap();
    assert_eq!(first(&t, "“抗日战争那段历史不能忘记。”老兵孙立说。").0, vec!["history"]);
}

#[test]
fn a_short_fragment_takes_the_theme_of_its_sentence() {
    let t = Tagger::new().unwrap();
    let (themes, _) = first(&t, "铁路部门负责人赵亮谈到今年中欧班列的运量时说：“稳中有进。”");
    assert_eq!(themes, vec!["connectivity"]);
}

#[test]
fn negated_commitment_is_not_commit() {
    let t = Tagger::new().unwrap();
    assert_eq!(first(&t, "“没人愿意看到这样的结果。”经理陈刚说。").1, "neutral");
    let (themes, stance) = first(&t, "“我们愿意继续扩大进口优质农产品。”官员刘洋说。");
    assert_eq!(stance, "commit");
    assert!(
        themes.contains(&"trade".to_string()) && themes.contains(&"agriculture".to_string()),
        "{themes:?}"
    );
}

#[test]
fn praise_without_a_support_verb_is_support() {
    let t = Tagger::new().unwrap();
    assert_eq!(first(&t, "“这是明智之举。”评论员王力说。").1, "support");
    assert_eq!(first(&t, "“新修的路真是太方便了。”村民赵红说。").1, "support");
}

#[test]
fn a_question_asked_as_criticism_is_oppose_and_a_negated_one_is_not() {
    let t = Tagger::new().unwrap();
    assert_eq!(first(&t, "“难道这样拖下去就能解决问题吗？”市民李强说。").1, "oppose");
    assert_ne!(first(&t, "“这难道不是一件好事吗？”市民李强说。").1, "oppose");
}

#[test]
fn a_call_word_used_as_a_noun_is_no_call() {
    let t = Tagger::new().unwrap();
    assert_eq!(first(&t, "“这批产品都符合要求。”质检员张华说。").1, "neutral");
    assert_eq!(first(&t, "“我们要求对方立即停止施工。”律师张华说。").1, "call");
}

#[test]
fn own_side_commitments_and_calls_on_others() {
    let t = Tagger::new().unwrap();
    assert_eq!(first(&t, "“我一定把这件事办成。”镇长刘军说。").1, "commit");
    assert_eq!(first(&t, "刘军表示，愿与周边县市共同开发旅游线路。").1, "commit");
    // a modal opening a clause urges the hearer; 要是 opens a condition
    assert_eq!(first(&t, "“说到底，要靠自己动手。”老师刘芳说。").1, "call");
    assert_eq!(first(&t, "“要是明天下雨，活动就改期。”老师刘芳说。").1, "neutral");
}

#[test]
fn stance_classes_added_for_issue_14() {
    let t = Tagger::new().unwrap();
    // credit given without a support verb; a list of what is missing is none
    assert_eq!(first(&t, "“没有大家的帮助，就没有今天的我。”演员李娜说。").1, "support");
    assert_eq!(first(&t, "“这里没有商店，也没有学校。”村民王芳说。").1, "neutral");
    // a question put to someone pledges nothing; 要 before a quantity urges no one
    assert_eq!(first(&t, "“你愿意去外地工作吗？”记者问。").1, "neutral");
    assert_eq!(first(&t, "“过去浇一亩地要两个人忙一整天。”农民陈秀兰说。").1, "neutral");
    // epistemic 应该 (probably) is no call; deontic 应该 is
    assert_eq!(first(&t, "“这场比赛应该说对球队很有帮助。”教练刘军说。").1, "neutral");
    assert_eq!(first(&t, "“各方应该保持克制。”发言人刘军说。").1, "call");
    // the speaker's own hope and goal are commitments
    assert_eq!(first(&t, "“我希望能早日回到赛场。”球员张强说。").1, "commit");
    assert_eq!(first(&t, "“进入决赛是我们今年的目标。”队长张强说。").1, "commit");
    // denial of a link, and an announced action of the subject's side
    assert_eq!(first(&t, "“我们的组织与此事无关。”发言人刘军说。").1, "oppose");
    assert_eq!(first(&t, "他说，公司将采取措施保障员工权益。").1, "commit");
}

#[test]
fn theme_classes_added_for_issue_14() {
    let t = Tagger::new().unwrap();
    let has = |text: &str, theme: &str| first(&t, text).0.contains(&theme.to_string());
    assert!(has("“这家超市的电器打折促销，价钱比上个月便宜。”顾客王芳说。", "economy"));
    assert!(has("“他在内线的防守很出色，抢断也多。”教练刘军说。", "sports"));
    assert!(has("“中美关系正处在关键时刻。”学者李华说。", "friendship"));
    assert!(has("“圈养的大熊猫比野外的寿命更长。”研究员张明说。", "environment"));
    // 红外线 holds 外线, 这片场地 holds 片场, 家用电器 holds 用电: no sports, culture, energy
    assert!(!has("“这台红外线设备已经交付。”工程师李强说。", "sports"));
    assert!(!has("“这片场地明年改建成停车场。”经理王刚说。", "culture"));
    assert!(!has("“家用电器的销量今年上升了。”经理王刚说。", "energy"));
}
